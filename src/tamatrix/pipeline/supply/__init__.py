"""The supply side: importing activities (IATI, CSV, XLSX) and offers, matching them with needs,
analysts' decisions, and the matrix of needs and services with coverage, unmet needs and
overlaps; exports as CSV, XLSX and HXL-tagged CSV.

Each use case takes a session that is not in a transaction and commits its own units of work:
one file is imported all or nothing. The modules, in the order they build on each other:
reports, iati_import, tables_import, items, matches, matrix, export.
"""

from tamatrix.pipeline.supply.export import (
    EXPORT_FORMATS,
    HXL_TAGS,
    NEED_COLUMNS,
    export_matrix,
    export_needs,
    export_rows,
    matrix_columns,
)
from tamatrix.pipeline.supply.iati_import import (
    import_iati,
    provider_kind,
)
from tamatrix.pipeline.supply.items import (
    load_needs,
    load_services,
)
from tamatrix.pipeline.supply.matches import (
    MatchRow,
    decide_match,
    load_decisions,
    match_needs,
    matches_of,
)
from tamatrix.pipeline.supply.matrix import (
    MATRIX_DIMENSIONS,
    Matrix,
    MatrixInputs,
    matrix,
    matrix_inputs,
    matrix_of,
    services_on,
    status_on,
)
from tamatrix.pipeline.supply.reports import (
    FileReport,
    ImportReport,
    RowError,
)
from tamatrix.pipeline.supply.tables_import import (
    ACTIVITY_COLUMNS,
    OFFER_COLUMNS,
    Column,
    activities_template,
    import_activities,
    import_offers,
    offers_template,
    read_rows,
    template,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "Column",
    "EXPORT_FORMATS",
    "FileReport",
    "HXL_TAGS",
    "ImportReport",
    "MATRIX_DIMENSIONS",
    "MatchRow",
    "Matrix",
    "MatrixInputs",
    "NEED_COLUMNS",
    "OFFER_COLUMNS",
    "RowError",
    "activities_template",
    "decide_match",
    "export_matrix",
    "export_needs",
    "export_rows",
    "import_activities",
    "import_iati",
    "import_offers",
    "load_decisions",
    "load_needs",
    "load_services",
    "match_needs",
    "matches_of",
    "matrix",
    "matrix_columns",
    "matrix_inputs",
    "matrix_of",
    "offers_template",
    "provider_kind",
    "read_rows",
    "services_on",
    "status_on",
    "template",
]
