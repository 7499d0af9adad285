"""The ``tamatrix`` command: thin commands that parse options, call the pipeline and print."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, cast

import click
from rich.progress import Progress
from sqlalchemy.orm import Session

from tamatrix import __version__, ingest, output, pipeline, reference, reports, training
from tamatrix.cli_supply import supply_commands
from tamatrix.cli_web import web_commands
from tamatrix.config import Settings
from tamatrix.core import convention, states, taxonomy
from tamatrix.core.extract import Overrides
from tamatrix.exceptions import TamatrixError
from tamatrix.generate import profiles
from tamatrix.generate.corpus import generate as generate_corpus
from tamatrix.generate.stress import write_stress
from tamatrix.pipeline import analysis, demo, report
from tamatrix.storage import db, repository

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
            raise click.BadParameter(
                f"{chapter!r} is not a chapter (I to VIII)", param_hint="--chapter"
            )
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
@click.option(
    "--group",
    help="Only this regional group (african, asia_pacific, eastern_european, "
    "latin_american_caribbean, western_european_other; names such as GRULAC work too).",
)
@click.option(
    "--fictional/--no-fictional",
    default=False,
    help="Include the fictional States of the test and demo corpora (codes X..).",
)
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
            raise click.BadParameter(
                f"unknown group {group!r}; use one of {choices}", param_hint="--group"
            ) from None
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
    columns = (
        ["iso3", "name", "group", "status"] if fmt == "table" else list(rows[0]) if rows else []
    )
    click.echo(output.render(rows, columns, fmt))


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def taxonomy_command(fmt: str) -> None:
    """Show the categories, capacity-building sub-categories and first-cycle forms (CODEBOOK).

    Example: tamatrix taxonomy --format json
    """
    categories = [
        {"code": c.code, "name": c.name, "examples": c.examples} for c in taxonomy.CATEGORIES
    ]
    subcategories = [
        {"code": s.code, "name": s.name, "examples": s.examples} for s in taxonomy.SUBCATEGORIES
    ]
    forms = [
        {"form": f.label, "category": f.category, "subcategory": f.subcategory}
        for f in taxonomy.FORMS
    ]
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                {"categories": categories, "subcategories": subcategories, "forms": forms},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(output.table(categories, ["code", "name", "examples"], "Categories"))
    click.echo(
        output.table(
            subcategories, ["code", "name", "examples"], "Capacity-building sub-categories"
        )
    )
    click.echo(
        output.table(forms, ["form", "category", "subcategory"], "First-cycle forms of assistance")
    )


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
    click.echo(
        f"{db.hide_password(settings.resolved_database_url)} at revision "
        f"{db.current_revision(engine)}"
    )


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
    click.echo(
        f"{db.hide_password(settings.resolved_database_url)} at revision "
        f"{db.current_revision(engine)}"
    )


def _session(ctx: click.Context) -> Session:
    engine = pipeline.open_database(_settings(ctx))
    ctx.call_on_close(engine.dispose)
    return db.session_factory(engine)()


def _date(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date as YYYY-MM-DD", param_hint=option
        ) from None


def _state(value: str | None) -> str | None:
    if value is None:
        return None
    state = reference.states().lookup(value)
    if state is None:
        raise click.BadParameter(
            f"{value!r} is not a known State (code or name); see `tamatrix states`",
            param_hint="--state",
        )
    return state.iso3


STATE_OPTION = click.option("--state", help="The State whose review it is (ISO3 code or name).")
CYCLE_OPTION = click.option("--cycle", type=click.IntRange(1, 2), help="The review cycle (1 or 2).")


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STATE_OPTION
@CYCLE_OPTION
@click.option("--date", "date_text", help="Date the executive summary was issued (YYYY-MM-DD).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes that read and extract documents in parallel.",
)
@click.pass_context
def ingest_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    state: str | None,
    cycle: int | None,
    date_text: str | None,
    workers: int,
) -> None:
    """Read executive summaries (PDF, Word, HTML, text, Markdown) into the database.

    PATHS are files or folders (read recursively). The same file twice changes nothing; a
    new version of a review's summary replaces the old records and keeps analysts'
    corrections. Exits with 1 only when no file could be ingested.

    Example: tamatrix ingest summaries/ --cycle 2
    """
    settings = _settings(ctx)
    overrides = Overrides(state=_state(state), cycle=cycle, date=_date(date_text))
    files = ingest.iter_files(paths)
    missing = [p for p in paths if not p.exists()]
    if not files and not missing:
        raise click.ClickException(
            "no PDF, Word, HTML, text or Markdown file in " + ", ".join(str(p) for p in paths)
        )
    session = _session(ctx)
    results = [
        pipeline.ingest_file(session, p, overrides, settings, settings.user) for p in missing
    ]
    with Progress(transient=True, disable=len(files) < 2 or not sys.stderr.isatty()) as bar:
        task = bar.add_task("Ingesting", total=len(files))
        results += pipeline.ingest_files(
            session,
            files,
            overrides,
            settings,
            settings.user,
            workers,
            progress=lambda _result: bar.advance(task),
        )
    click.echo(_ingest_summary(results))
    if results and all(r.status == "failed" for r in results):
        sys.exit(1)


def _ingest_summary(results: list[pipeline.IngestResult]) -> str:
    rows = [
        {
            "file": r.file,
            "status": r.status,
            "state": r.state,
            "cycle": r.cycle,
            "needs": r.needs if r.status in ("ingested", "replaced") else "",
            "by chapter": ", ".join(f"{c}: {n}" for c, n in sorted(r.needs_by_chapter.items())),
            "recommendations": r.recommendations or "",
            "good practices": r.good_practices or "",
            "problems": len(r.problems) or "",
        }
        for r in results
    ]
    lines = [output.table(rows, list(rows[0]) if rows else [], "Documents")]
    problems = [
        {"file": p.file or r.file, "page": p.page, "code": p.code, "message": p.message}
        for r in results
        for p in r.problems
    ]
    if problems:
        lines.append(output.table(problems, ["file", "page", "code", "message"], "Problems"))
    for r in results:
        if r.replaced:
            lines.append(
                f"{r.file} replaced {r.replaced}; {r.carried_over} correction(s) "
                f"carried over, {len(r.not_carried_over)} could not be"
            )
    counts = Counter(r.status for r in results)
    lines.append(", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    return "\n".join(lines)


@cli.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the extraction as JSON (docs/extract-json.md)."
)
@STATE_OPTION
@CYCLE_OPTION
@click.option("--date", "date_text", help="Date of issue (YYYY-MM-DD).")
@click.pass_context
def extract_command(
    ctx: click.Context,
    file: Path,
    as_json: bool,
    state: str | None,
    cycle: int | None,
    date_text: str | None,
) -> None:
    """Show what would be extracted from FILE, without touching the database.

    Example: tamatrix extract summary.pdf --json
    """
    overrides = Overrides(state=_state(state), cycle=cycle, date=_date(date_text))
    source, extraction = pipeline.read_and_extract(file, overrides, _settings(ctx))
    data = pipeline.extraction_dict(extraction, file.name, source)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{file.name}: {extraction.state_name or extraction.state} ({extraction.state}), "
        f"cycle {extraction.cycle}, {extraction.language}, {extraction.symbol}, "
        f"{extraction.date}"
    )
    click.echo(
        output.table(
            cast(list[dict[str, Any]], data["needs"]),
            [
                "chapter",
                "articles",
                "primary_category",
                "subcategory",
                "confidence",
                "page",
                "text",
            ],
            "Needs",
        )
    )
    click.echo(
        f"{len(extraction.recommendations)} recommendations, "
        f"{len(extraction.good_practices)} good practices"
    )
    if extraction.problems:
        problems = cast(list[dict[str, Any]], data["problems"])
        click.echo(output.table(problems, ["page", "code", "message"], "Problems"))


@cli.command("eval")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--worst", default=15, show_default=True, help="How many mismatches to list.")
@click.pass_context
def eval_command(ctx: click.Context, folder: Path, as_json: bool, worst: int) -> None:
    """Score extraction against a labelled corpus (FOLDER with gold.jsonl, see GOLD.md).

    Example: tamatrix eval ../shared/data/dev
    """
    result = pipeline.evaluate_corpus(folder, _settings(ctx))
    if as_json:
        click.echo(json.dumps(result.as_dict(worst), ensure_ascii=False, indent=2))
        return
    overall = result.overall.as_dict()
    rows = [
        {"records": kind, **overall[kind]}
        for kind in ("needs", "recommendations", "good_practices")
    ]
    click.echo(
        output.table(
            rows, ["records", "gold", "found", "matched", "precision", "recall", "f1"], "Extraction"
        )
    )
    accuracy = [{"attribute": k, "accuracy": v} for k, v in overall["need_accuracy"].items()]
    accuracy += [
        {"attribute": f"document {k}", "accuracy": v}
        for k, v in overall["document_accuracy"].items()
    ]
    click.echo(output.table(accuracy, ["attribute", "accuracy"], "Coding of matched needs"))
    per_document = [
        {
            "document": name,
            "needs f1": s.counts["needs"].f1,
            "recommendations f1": s.counts["recommendations"].f1,
            "good practices f1": s.counts["good_practices"].f1,
            "category": s.attributes["primary_category"].accuracy,
        }
        for name, s in result.documents.items()
    ]
    click.echo(
        output.table(per_document, list(per_document[0]) if per_document else [], "Per document")
    )
    mismatches = [m.as_dict() for m in result.overall.mismatches[:worst]]
    if mismatches:
        click.echo(
            output.table(
                mismatches,
                ["document", "kind", "problem", "gold", "found", "text"],
                "Worst mismatches",
            )
        )
    for name, error in result.errors.items():
        click.echo(f"{name}: {error}")


@cli.command("needs")
@STATE_OPTION
@CYCLE_OPTION
@click.option("--chapter", help="Chapter (Roman numeral).")
@click.option("--article", type=int, help="Needs that name this article.")
@click.option("--category", type=click.Choice(taxonomy.CATEGORY_CODES), help="Primary category.")
@click.option("--region", help="Regional group (e.g. african, GRULAC).")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="At most this many needs.")
@click.pass_context
def needs_command(
    ctx: click.Context,
    state: str | None,
    cycle: int | None,
    chapter: str | None,
    article: int | None,
    category: str | None,
    region: str | None,
    fmt: str,
    limit: int | None,
) -> None:
    """List needs with their coding and provenance.

    Example: tamatrix needs --state KEN --chapter V --format csv
    """
    region_code = None
    if region:
        try:
            region_code = states.group_code(region)
        except KeyError:
            raise click.BadParameter(f"unknown group {region!r}", param_hint="--region") from None
    where = repository.NeedFilter(
        state=_state(state),
        cycle=cycle,
        chapter=chapter.upper() if chapter else None,
        article=article,
        category=category,
        region=region_code,
    )
    session = _session(ctx)
    with session.begin():
        rows = repository.need_rows(session, where, limit)
    columns = [
        "id",
        "state",
        "cycle",
        "chapter",
        "articles",
        "primary_category",
        "subcategory",
        "confidence",
        "status",
        "text",
    ]
    click.echo(output.render(rows, list(rows[0]) if rows and fmt != "table" else columns, fmt))


@cli.command("correct")
@click.argument("need_id", type=int)
@click.option("--chapter", help="The chapter (Roman numeral).")
@click.option("--articles", help="The articles, comma-separated (e.g. 7,8); empty for none.")
@click.option("--category", type=click.Choice(taxonomy.CATEGORY_CODES), help="Primary category.")
@click.option(
    "--subcategory",
    type=click.Choice(taxonomy.SUBCATEGORY_CODES),
    help="Capacity-building sub-category.",
)
@click.option("--secondary", help="Secondary categories, comma-separated; empty for none.")
@click.option("--note", default="", help="Why (kept in the audit log).")
@click.pass_context
def correct_command(
    ctx: click.Context,
    need_id: int,
    chapter: str | None,
    articles: str | None,
    category: str | None,
    subcategory: str | None,
    secondary: str | None,
    note: str,
) -> None:
    """Correct a need's coding; with no option, confirm it as it is. Every change is audited.

    Example: tamatrix correct 42 --category legislative_assistance --articles 9
    """
    changes: dict[str, str | None] = {}
    if chapter is not None:
        changes["chapter"] = chapter.upper()
    if articles is not None:
        changes["articles"] = ",".join(a.strip() for a in articles.split(",") if a.strip())
    if category is not None:
        changes["primary_category"] = category
    if subcategory is not None:
        changes["subcategory"] = subcategory
    if secondary is not None:
        changes["secondary_categories"] = ",".join(
            s.strip() for s in secondary.split(",") if s.strip()
        )
    settings = _settings(ctx)
    changed = pipeline.correct_need(_session(ctx), need_id, changes, settings.user, note)
    if not changed:
        click.echo(f"need #{need_id} confirmed by {settings.user}")
    for name, old, new in changed:
        click.echo(f"need #{need_id} {name}: {old} -> {new} (by {settings.user})")


@cli.command("train")
@click.option(
    "--data",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Labelled needs, one JSON object a line (default: the shipped set).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the weights (default: classifier.json in the data folder).",
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    help="Seed; the same data and seed give the same weights byte for byte.",
)
@click.pass_context
def train_command(ctx: click.Context, data: Path | None, out: Path | None, seed: int) -> None:
    """Train the need classifier on a labelled set and write its weights as plain JSON.

    Set TAMATRIX_CLASSIFIER to the written file to use it instead of the shipped weights.

    Example: tamatrix train --data my-needs.jsonl --out weights.json
    """
    shipped_data, _shipped_weights = training.shipped_paths()
    data = data or shipped_data
    out = out or _settings(ctx).data_dir / "classifier.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    examples = training.load_examples(data)
    training.train_file(data, out, seed)
    counts = Counter(e["primary_category"] for e in examples)
    click.echo(
        output.table(
            [{"category": c, "examples": n} for c, n in sorted(counts.items())],
            ["category", "examples"],
            f"{len(examples)} labelled needs",
        )
    )
    click.echo(f"wrote {out}; use it with TAMATRIX_CLASSIFIER={out}")


def _figure_tables(figures: dict[str, Any]) -> str:
    """The main figures as text tables."""
    coverage = figures["coverage"]
    parts = [
        f"Cut-off: {figures['as_of'] or 'none'}; cycle: {figures['cycle'] or 'all'}",
        f"{coverage['summaries']} executive summaries, {coverage['states_with_needs']} States "
        f"with needs, {coverage['needs']} needs "
        f"({coverage['needs_per_state_with_needs']} per State with needs)",
        output.table(
            figures["by_chapter"],
            ["chapter", "title", "needs", "share", "states_with_needs"],
            "By chapter",
        ),
        output.table(
            figures["by_category"], ["name", "needs", "share", "states"], "By category (primary)"
        ),
        output.table(
            figures["by_region"],
            ["name", "summaries", "summary_share", "needs", "need_share"],
            "By region",
        ),
        output.table(
            [r for r in figures["by_article"] if r["rank"] and r["rank"] <= 5],
            ["chapter", "rank", "article", "title", "needs", "states"],
            "Top articles per chapter",
        ),
        output.table(
            figures["subcategories"], ["name", "needs", "share"], "Capacity-building sub-categories"
        ),
    ]
    flags = [r for r in figures["recommendations_vs_needs"] if r["flag"]]
    if flags:
        parts.append(
            output.table(
                flags,
                ["chapter", "article", "recommendations", "needs"],
                "Many recommendations, few needs",
            )
        )
    comparison = figures.get("comparison")
    if comparison:
        previous = comparison["previous"]
        parts.append(
            f"Since {previous['name']} ({previous['as_of']}): {comparison['new_summaries']} new "
            f"summaries, {comparison['new_states_with_needs']} new States with needs, "
            f"{comparison['needs_added']} needs added ({comparison['needs_change_per_cent']} "
            "per cent)"
        )
        parts.append(
            output.table(
                comparison["by_chapter"],
                ["chapter", "before", "after", "change", "change_per_cent"],
            )
        )
    return "\n".join(parts)


@cli.command("analyse")
@click.option("--as-of", "as_of", help="Cut-off date (YYYY-MM-DD): summaries issued by then.")
@CYCLE_OPTION
@click.option("--save", help="Save the figures under this name (frozen, with their need ids).")
@click.option("--compare-to", help="Compare with a saved analysis.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def analyse_command(
    ctx: click.Context,
    as_of: str | None,
    cycle: int | None,
    save: str | None,
    compare_to: str | None,
    fmt: str,
) -> None:
    """Compute every figure of the analytical note from the database.

    Example: tamatrix analyse --as-of 2020-09-30 --cycle 2 --save 2020-09 --compare-to 2019-08
    """
    session = _session(ctx)
    figures = analysis.analyse(session, _date(as_of, "--as-of"), cycle, compare_to)
    if save:
        analysis.save_analysis(session, save, figures)
    if fmt == "json":
        click.echo(json.dumps(figures, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(_figure_tables(figures))
    if save:
        click.echo(f"saved as {save!r}", err=fmt == "json")


@cli.command("analyses")
@click.pass_context
def analyses_command(ctx: click.Context) -> None:
    """List the saved analyses.

    Example: tamatrix analyses
    """
    rows = analysis.saved_analyses(_session(ctx))
    click.echo(output.table(rows, list(rows[0]) if rows else ["name"], "Saved analyses"))


@cli.command("report")
@click.option("--as-of", "as_of", help="Cut-off date (YYYY-MM-DD).")
@CYCLE_OPTION
@click.option("--compare-to", help="Compare with a saved analysis.")
@click.option(
    "--format", "fmt", type=click.Choice(reports.FORMATS), default="html", show_default=True
)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="File to write."
)
@click.pass_context
def report_command(
    ctx: click.Context,
    as_of: str | None,
    cycle: int | None,
    compare_to: str | None,
    fmt: str,
    out: Path,
) -> None:
    """Draft the analytical note (HTML, Word, PDF with Chromium, or the figures as JSON).

    Example: tamatrix report --as-of 2020-09-30 --compare-to 2019-08 --format docx --out note.docx
    """
    written = report.write_report(
        _session(ctx), fmt, out, _date(as_of, "--as-of"), cycle, compare_to
    )
    click.echo(f"wrote {written}")


@cli.command("demo")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("tamatrix-demo"),
    show_default=True,
    help="Folder for the generated documents, the database and the reports.",
)
@click.option(
    "--serve",
    is_flag=True,
    help="Then serve the web application on the demo "
    "database (the 2020 analysis published for anonymous visitors).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port for --serve (on 127.0.0.1).",
)
@click.pass_context
def demo_command(ctx: click.Context, folder: Path, serve: bool, port: int) -> None:
    """Run the whole path on built-in demo data: documents to analytical note.

    Generates 44 executive summaries (PDF, Word, text) of fictional States that reproduce the
    published figures of the second-cycle analysis, ingests them, reviews their coding as an
    analyst would, imports generated offers (XLSX) and activities (CSV) of invented providers,
    matches them with the needs and decides on some matches, saves the 2019 and 2020 analyses
    and drafts the 2020 note compared with 2019 in HTML and Word. Running it twice gives the
    same result.

    Example: tamatrix demo --dir tamatrix-demo --serve
    """
    result = demo.run(folder, _settings(ctx))
    figures = result.figures
    coverage = figures["coverage"]
    chapters = {r["chapter"]: r for r in figures["by_chapter"]}
    categories = {r["category"]: r for r in figures["by_category"]}
    counts = Counter(r.status for r in result.ingested)
    click.echo(
        f"documents: {len(result.ingested)} ("
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + ")"
    )
    click.echo(
        f"analyst review: {result.reviewed} needs checked, {result.corrected} machine "
        f"coding{'' if result.corrected == 1 else 's'} corrected (audited as 'demo analyst')"
    )
    click.echo(
        f"as of {figures['as_of']}: {coverage['summaries']} executive summaries, "
        f"{coverage['states_with_needs']} States with needs, {coverage['needs']} needs "
        f"(chapter II: {chapters['II']['needs']}, chapter V: {chapters['V']['needs']})"
    )
    building = categories["capacity_building"]
    click.echo(f"capacity-building: {building['needs']} needs ({building['share']} per cent)")
    supplied = result.supply
    files = ", ".join(
        f"{f.file}: {f.created} created, {f.updated} updated" for f in supplied.imported
    )
    click.echo(
        f"supply: {supplied.files.counts['providers']} providers, "
        f"{supplied.files.counts['offers']} offers, "
        f"{supplied.files.counts['activities']} activities ({files})"
    )
    click.echo(
        f"analyst matching: {supplied.accepted} top suggestions accepted, "
        f"{supplied.rejected} rejected (audited as 'demo analyst')"
    )
    matrix = supplied.matrix
    click.echo(
        f"matrix as of {figures['as_of']}: {matrix.needs} needs, {matrix.covered} covered "
        f"({matrix.coverage} %), {len(matrix.unmet)} unmet, {len(matrix.overlaps)} overlaps"
    )
    click.echo(f"database: {result.database_url}")
    for path in result.reports:
        click.echo(f"note: {path}")
    click.echo(f"explore: TAMATRIX_DATABASE_URL={result.database_url} tamatrix needs --limit 10")
    if serve:
        _serve_demo(_settings(ctx), result.database_url, port)


def _serve_demo(settings: Settings, database_url: str, port: int) -> None:
    """Publish the demo's latest analysis and serve the web application on its database."""
    import uvicorn

    from tamatrix.web import accounts
    from tamatrix.web.app import create_app

    settings = settings.model_copy(update={"database_url": database_url})
    engine = pipeline.open_database(settings)
    session = db.session_factory(engine)()
    try:
        if demo.ANALYSES[-1][0] not in accounts.published_names(session):
            accounts.publish(session, demo.ANALYSES[-1][0], demo.REVIEWER)
    finally:
        session.close()
        engine.dispose()
    click.echo(
        f"serving http://127.0.0.1:{port}/ (Ctrl+C to stop); to log in: "
        f"TAMATRIX_DATABASE_URL={database_url} tamatrix user add NAME --role admin"
    )
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port)


@cli.command("generate")
@click.option(
    "--profile",
    "profile_name",
    type=click.Choice([*profiles.PROFILES, "stress"]),
    default="second-cycle-2020",
    show_default=True,
    help="What to generate; 'stress' writes needs straight to the database.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the documents and their gold.jsonl (document profiles).",
)
@click.option("--seed", default=0, show_default=True, help="Same seed, same files.")
@click.option(
    "--formats", help="Comma-separated: pdf, docx, txt, html (default: the profile's own)."
)
@click.option(
    "--needs",
    "need_count",
    default=1_000_000,
    show_default=True,
    help="How many needs the stress profile writes.",
)
@click.pass_context
def generate_command(
    ctx: click.Context,
    profile_name: str,
    out: Path | None,
    seed: int,
    formats: str | None,
    need_count: int,
) -> None:
    """Write generated executive summaries (demo data, not UN documents) and their gold.jsonl,
    or, with --profile stress, a million generated needs into an empty database.

    Example: tamatrix generate --profile second-cycle-2020 --out demo-docs --formats pdf,txt
    """
    if profile_name == "stress":
        settings = _settings(ctx)
        engine = pipeline.open_database(settings)
        try:
            write_stress(engine, need_count, seed or 20200930)
        finally:
            engine.dispose()
        click.echo(
            f"wrote {need_count} needs to {db.hide_password(settings.resolved_database_url)}"
        )
        return
    if out is None:
        raise click.UsageError("--out is required for a document profile")
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip()) if formats else None
    corpus = generate_corpus(profiles.load_profile(profile_name), out, seed, chosen)
    needs = sum(d.needs for d in corpus.documents)
    click.echo(
        f"wrote {len(corpus.documents)} documents with {needs} needs and "
        f"{corpus.gold.name} to {out}"
    )


for _command in [*supply_commands, *web_commands]:
    cli.add_command(_command)


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
