"""Commands of the supply side: import, template, match, matrix, export, providers and
focal points.

``supply_commands`` lists them for ``tamatrix.cli`` to register.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from sqlalchemy.orm import Session

from tamatrix import output, pipeline
from tamatrix.config import Settings
from tamatrix.pipeline import coverage, focal_points, supply
from tamatrix.storage import db


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(dict).setdefault("settings", Settings())


def _session(ctx: click.Context) -> Session:
    engine = pipeline.open_database(_settings(ctx))
    ctx.call_on_close(engine.dispose)
    return db.session_factory(engine)()


def _write(data: bytes, out: Path | None, binary: bool = False) -> None:
    if out is not None:
        out.write_bytes(data)
        click.echo(f"wrote {out}", err=True)
    elif binary:
        raise click.UsageError("XLSX output needs --out FILE")
    else:
        click.echo(data.decode("utf-8"), nl=False)


def _report(report: supply.ImportReport) -> str:
    rows = [
        {
            "file": f.file,
            "status": f.status,
            "created": f.created,
            "updated": f.updated,
            "skipped": len(f.skipped) or "",
            "bad cells": len(f.errors) or "",
        }
        for f in report.files
    ]
    lines = [output.table(rows, list(rows[0]) if rows else [], "Files")]
    skipped = [
        {
            "file": s.file,
            "activity": s.activity or "",
            "line": s.line,
            "element": s.element,
            "code": s.code,
            "reason": s.reason,
        }
        for f in report.files
        for s in f.skipped
    ]
    if skipped:
        lines.append(output.table(skipped, list(skipped[0]), "Skipped"))
    errors = [
        {"file": f.file, "row": e.row, "column": e.column, "problem": e.message}
        for f in report.files
        for e in f.errors
    ]
    if errors:
        lines.append(output.table(errors, ["file", "row", "column", "problem"], "Bad cells"))
    lines += [f.message for f in report.files if f.message]
    lines.append(f"{report.created} created, {report.updated} updated")
    return "\n".join(lines)


@click.group("import")
def import_group() -> None:
    """Import the supply side: IATI activity files, offers and activities from templates.

    Example: tamatrix import iati activities.xml
    """


@import_group.command("iati")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def import_iati(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Import IATI activity XML (2.0x, 1.0x); a re-import updates by IATI identifier.

    Each file is imported all or nothing; every element or activity left out is listed with
    its reason. Exits with 1 when no file could be imported.

    Example: tamatrix import iati undp-2024.xml fcdo-2024.xml
    """
    report = supply.import_iati(_session(ctx), list(files))
    click.echo(_report(report))
    if report.failed:
        sys.exit(1)


def _import_table(ctx: click.Context, file: Path, kind: str) -> None:
    session = _session(ctx)
    if kind == "offers":
        result = supply.import_offers(session, file)
    else:
        result = supply.import_activities(session, file)
    report = supply.ImportReport([result])
    click.echo(_report(report))
    if report.failed:
        sys.exit(1)


@import_group.command("offers")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def import_offers(ctx: click.Context, file: Path) -> None:
    """Import offers of the knowledge bank from a CSV or XLSX file made from the template.

    Nothing is imported when a cell is bad; each bad cell is listed by row and column.

    Example: tamatrix import offers offers.xlsx
    """
    _import_table(ctx, file, "offers")


@import_group.command("activities")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def import_activities(ctx: click.Context, file: Path) -> None:
    """Import activities (or assistance a State reports receiving) from a CSV or XLSX file.

    Example: tamatrix import activities activities.csv
    """
    _import_table(ctx, file, "activities")


@click.command("template")
@click.argument("kind", type=click.Choice(["offers", "activities"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("--out", type=click.Path(path_type=Path), help="File to write (stdout for CSV).")
def template(kind: str, fmt: str, out: Path | None) -> None:
    """Write the empty import template for offers or activities (XLSX has a guide sheet).

    Example: tamatrix template offers --format xlsx --out offers.xlsx
    """
    _write(supply.template(kind, fmt), out, binary=fmt == "xlsx")


@click.command("match")
@click.option("--need", "need_id", type=int, help="Only this need (its id).")
@click.option("--accept", "accept_id", type=int, help="Accept the match with this id.")
@click.option("--reject", "reject_id", type=int, help="Reject the match with this id.")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--note", default="", help="Why, kept with the decision.")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
@click.pass_context
def match(
    ctx: click.Context,
    need_id: int | None,
    accept_id: int | None,
    reject_id: int | None,
    top: int,
    note: str,
    fmt: str,
) -> None:
    """Suggest offers, activities and peer States for needs, or accept or reject a suggestion.

    Decisions are audited and change later rankings (per provider and category).

    Example: tamatrix match --need 12
    Example: tamatrix match --accept 40 --note "agreed with the provider"
    """
    if accept_id is not None and reject_id is not None:
        raise click.UsageError("use either --accept or --reject")
    session = _session(ctx)
    user = _settings(ctx).user
    if accept_id is not None or reject_id is not None:
        decided = accept_id if accept_id is not None else reject_id
        assert decided is not None
        rows = [supply.decide_match(session, decided, accept_id is not None, user, note)]
    else:
        rows = supply.match_needs(session, [need_id] if need_id is not None else None, top)
    columns = ["match", "need", "rank", "kind", "provider", "title", "score", "status", "reasons"]
    click.echo(output.render([r.as_dict() for r in rows], columns, fmt))


@click.command("matrix")
@click.option(
    "--by", type=click.Choice(supply.MATRIX_DIMENSIONS), default="article", show_default=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "xlsx", "hxl"]),
    default="table",
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path), help="File to write.")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Count activities and offers as they stood that day (YYYY-MM-DD); default today.",
)
@click.pass_context
def matrix(
    ctx: click.Context, by: str, fmt: str, out: Path | None, as_of: dt.datetime | None
) -> None:
    """Needs against services by article, category, State or region: coverage, unmet needs
    and overlapping assistance.

    Example: tamatrix matrix --by state --format xlsx --out matrix.xlsx
    Example: tamatrix matrix --as-of 2020-09-30
    """
    result = supply.matrix(_session(ctx), by, as_of.date() if as_of else None)
    columns = supply.matrix_columns(by)
    if fmt in ("csv", "xlsx", "hxl"):
        _write(supply.export_rows(result.rows, columns, fmt), out, binary=fmt == "xlsx")
        return
    if fmt == "json":
        data = {
            "by": by,
            "needs": result.needs,
            "covered": result.covered,
            "coverage": result.coverage,
            "rows": result.rows,
            "unmet": result.unmet,
            "overlaps": result.overlaps,
        }
        _write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n", out)
        return
    lines = [output.table(result.rows, columns, f"Needs and services by {by}")]
    lines.append(
        f"{result.needs} needs, {result.covered} covered ({result.coverage or 0} %), "
        f"{len(result.unmet)} unmet, {len(result.overlaps)} overlap(s)"
    )
    if result.overlaps:
        lines.append(
            output.table(
                result.overlaps,
                ["state", "article", "category", "activities", "providers"],
                "Overlapping assistance",
            )
        )
    _write(("\n".join(lines) + "\n").encode("utf-8"), out)


@click.command("export")
@click.argument("what", type=click.Choice(["needs", "matrix"]))
@click.option("--by", type=click.Choice(supply.MATRIX_DIMENSIONS), default="article")
@click.option("--format", "fmt", type=click.Choice(supply.EXPORT_FORMATS), default="csv")
@click.option("--out", type=click.Path(path_type=Path), help="File to write (stdout for CSV).")
@click.pass_context
def export(ctx: click.Context, what: str, by: str, fmt: str, out: Path | None) -> None:
    """Export the needs or the matrix as CSV, XLSX or HXL-tagged CSV.

    Example: tamatrix export needs --format hxl --out needs-hxl.csv
    """
    session = _session(ctx)
    if what == "needs":
        data = supply.export_needs(session, fmt)
    else:
        data = supply.export_matrix(session, by, fmt)
    _write(data, out, binary=fmt == "xlsx")


@click.command("providers")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
@click.pass_context
def providers(ctx: click.Context, fmt: str) -> None:
    """List the providers of assistance with their ids, offers and activities.

    Example: tamatrix providers --format csv
    """
    rows = coverage.providers(_session(ctx))
    columns = ["id", "name", "kind", "country", "org_ref", "offers", "activities"]
    click.echo(output.render(rows, columns, fmt))


@click.group("focal-point")
def focal_point_group() -> None:
    """Name, list and remove the focal points of States and providers.

    Example: tamatrix focal-point list --state KEN
    """


FOCAL_COLUMNS = ["id", "state", "provider", "person", "email", "role"]


@focal_point_group.command("add")
@click.argument("person")
@click.option("--state", help="The State's ISO3 code (or use --provider).")
@click.option("--provider", help="The provider's id or exact name (see `tamatrix providers`).")
@click.option("--email", default="", help="The focal point's e-mail address.")
@click.option("--role", default="", help="Their function, e.g. 'central authority'.")
@click.pass_context
def focal_point_add(
    ctx: click.Context, person: str, state: str | None, provider: str | None, email: str, role: str
) -> None:
    """Name the focal point of a State or of a provider (audited).

    Example: tamatrix focal-point add "A. Mensah" --state KEN --email a.mensah@example.org
    """
    row = focal_points.add_focal_point(
        _session(ctx), person, _settings(ctx).user, email, role, state, provider
    )
    click.echo(output.render([row], FOCAL_COLUMNS, "table"))


@focal_point_group.command("list")
@click.option("--state", help="Only this State's focal points.")
@click.option("--provider", help="Only this provider's (id or name).")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
@click.pass_context
def focal_point_list(ctx: click.Context, state: str | None, provider: str | None, fmt: str) -> None:
    """List focal points, of States and of providers.

    Example: tamatrix focal-point list --format csv
    """
    rows = focal_points.focal_points(_session(ctx), state, provider)
    click.echo(output.render(rows, FOCAL_COLUMNS, fmt))


@focal_point_group.command("remove")
@click.argument("focal_point_id", type=int)
@click.pass_context
def focal_point_remove(ctx: click.Context, focal_point_id: int) -> None:
    """Remove a focal point (the audit log keeps who it was).

    Example: tamatrix focal-point remove 3
    """
    focal_points.remove_focal_point(_session(ctx), focal_point_id, _settings(ctx).user)
    click.echo(f"removed focal point {focal_point_id}")


supply_commands: list[click.Command] = [
    import_group,
    template,
    match,
    matrix,
    export,
    providers,
    focal_point_group,
]
