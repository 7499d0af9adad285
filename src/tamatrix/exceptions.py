"""Errors raised at the boundary for unusable input, and the project's warning class.

Bad data *inside* a document is not an exception: it becomes a ``core.records.Problem``.
"""


class TamatrixError(Exception):
    """Base class for every error that the command line and the API report to the user."""


class ConfigurationError(TamatrixError):
    """A setting (database URL, data folder) cannot be used."""


class DatabaseError(TamatrixError):
    """The database cannot be reached, created or migrated."""


class InputError(TamatrixError):
    """A file or an argument given by the user cannot be used."""


class NotFoundError(TamatrixError):
    """A record that the user named does not exist."""


class TamatrixWarning(UserWarning):
    """Base class for warnings."""


class DocumentError(InputError):
    """A whole document cannot be read (corrupt, encrypted, scanned, empty, too large ...).

    ``code`` is the stable problem code under which the pipeline records it.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class UnsupportedFormatError(DocumentError):
    """A file whose type ta-matrix cannot read."""

    def __init__(self, message: str):
        super().__init__("unsupported-format", message)
