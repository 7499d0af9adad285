"""The ``tamatrix`` command: thin commands that parse options, call the pipeline and print."""

from __future__ import annotations

import sys
from typing import Any

import click

from tamatrix import __version__, output, pipeline, reference
from tamatrix.config import Settings
from tamatrix.core import convention, states, taxonomy
from tamatrix.exceptions import TamatrixError
from tamatrix.storage import db

FORMAT = click.Choice(output.FORMATS)


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(dict).setdefault("settings", Settings())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tamatrix")
def cli() -> None:
    """ta-matrix: the technical assistance needs identified in UNCAC reviews, kept and analysed.

    The database is a SQLite file in your data folder unless TAMATRIX_DATABASE_URL says
    otherwise; `tamatrix info` shows which.
    """


@cli.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Show the version, the database, its schema revision and row counts.

    Example: TAMATRIX_DATABASE_URL=sqlite:///ta.db tamatrix info
    """
    result = pipeline.info(_settings(ctx))
    click.echo(f"ta-matrix {result.version}")
    click.echo(f"database: {result.database_url}")
    click.echo(f"schema revision: {result.revision} (latest: {result.head})")
    rows = [{"table": name, "rows": count} for name, count in result.counts.items()]
    click.echo(output.table(rows, ["table", "rows"]))


@cli.command()
@click.option("--chapter", help="Only this chapter (Roman numeral, e.g. II).")
@click.option("--cycle", type=click.IntRange(1, 2), help="Only the articles this cycle reviews.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def articles(chapter: str | None, cycle: int | None, fmt: str) -> None:
    """List the 71 articles of the Convention with chapter, title and reviewing cycle.

    Example: tamatrix articles --chapter V --cycle 2
    """
    if chapter is not None:
        chapter = chapter.upper().removeprefix("CHAPTER").strip()
        if chapter.isdigit() and 1 <= int(chapter) <= 8:
            chapter = convention.roman(int(chapter))
        if chapter not in {c.numeral for c in convention.CHAPTERS}:
            raise click.BadParameter(f"{chapter!r} is not a chapter (I to VIII)", param_hint="--chapter")
    rows = [
        {
            "article": a.number,
            "chapter": a.chapter,
            "title": a.title,
            "cycle": convention.cycle_of_article(a.number),
        }
        for a in convention.articles_in(chapter, cycle)
    ]
    click.echo(output.render(rows, ["article", "chapter", "title", "cycle"], fmt))


@cli.command("states")
@click.option("--group", help="Only this regional group (african, asia_pacific, eastern_european, "
              "latin_american_caribbean, western_european_other; names such as GRULAC work too).")
@click.option("--fictional/--no-fictional", default=False,
              help="Include the fictional States of the test and demo corpora (codes X..).")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def states_command(group: str | None, fictional: bool, fmt: str) -> None:
    """List every State with ISO 3166-1 alpha-3 code, name and United Nations regional group.

    Example: tamatrix states --group african --format csv
    """
    code = None
    if group:
        try:
            code = states.group_code(group)
        except KeyError:
            choices = ", ".join(states.GROUP_CODES)
            raise click.BadParameter(f"unknown group {group!r}; use one of {choices}",
                                     param_hint="--group") from None
    index = reference.states(include_fictional=fictional)
    rows = [
        {
            "iso3": s.iso3,
            "name": s.name,
            "regional_group": s.regional_group,
            "group": states.group_name(s.regional_group),
            "status": s.status,
            "note": s.group_note,
        }
        for s in sorted(index.states, key=lambda s: s.iso3)
        if code is None or s.regional_group == code
    ]
    columns = ["iso3", "name", "group", "status"] if fmt == "table" else list(rows[0]) if rows else []
    click.echo(output.render(rows, columns, fmt))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def taxonomy_command(fmt: str) -> None:
    """Show the categories, capacity-building sub-categories and first-cycle forms (CODEBOOK).

    Example: tamatrix taxonomy --format json
    """
    categories = [{"code": c.code, "name": c.name, "examples": c.examples}
                  for c in taxonomy.CATEGORIES]
    subcategories = [{"code": s.code, "name": s.name, "examples": s.examples}
                     for s in taxonomy.SUBCATEGORIES]
    forms = [{"form": f.label, "category": f.category, "subcategory": f.subcategory}
             for f in taxonomy.FORMS]
    if fmt == "json":
        import json

        click.echo(json.dumps({"categories": categories, "subcategories": subcategories,
                               "forms": forms}, ensure_ascii=False, indent=2))
        return
    click.echo(output.table(categories, ["code", "name", "examples"], "Categories"))
    click.echo(output.table(subcategories, ["code", "name", "examples"],
                            "Capacity-building sub-categories"))
    click.echo(output.table(forms, ["form", "category", "subcategory"],
                            "First-cycle forms of assistance"))


taxonomy_command.name = "taxonomy"


@cli.group("db")
def db_group() -> None:
    """Manage the database schema (migrations are also applied on first use)."""


@db_group.command()
@click.argument("revision", default="head")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest).

    Example: tamatrix db upgrade
    """
    settings = _settings(ctx)
    engine = db.create_engine(settings.resolved_database_url)
    db.upgrade(engine, revision)
    click.echo(f"{db.hide_password(settings.resolved_database_url)} at revision "
               f"{db.current_revision(engine)}")


@db_group.command()
@click.argument("revision")
@click.pass_context
def downgrade(ctx: click.Context, revision: str) -> None:
    """Undo migrations down to REVISION ('base' removes every table).

    Example: tamatrix db downgrade base
    """
    settings = _settings(ctx)
    engine = db.create_engine(settings.resolved_database_url)
    db.downgrade(engine, revision)
    click.echo(f"{db.hide_password(settings.resolved_database_url)} at revision "
               f"{db.current_revision(engine)}")


def main(argv: list[str] | None = None) -> Any:
    """Entry point: runs the command and turns a TamatrixError into one line and exit code 1."""
    try:
        return cli.main(args=argv, prog_name="tamatrix", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TamatrixError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
