"""The ``newsgraph`` command: a thin layer over the library.

Exit codes: 0 success; 1 some inputs failed (the rest was processed);
2 usage error; 3 fatal error (database, model). A ``NewsgraphError`` that reaches the command
line is printed with its code (``error [E302]: …``) and exits with ``errors.exit_code`` (one
mapping for every command: ``cli_options.NewsgraphGroup``; catalogue in docs/errors.md).
Shared options and output helpers are in ``cli_options.py``; the commands that list records
(``stats``, ``articles``, ``quotes``, ``events``, ``actors``, ``actor``: the read layer of the API) in
``cli_read.py``; the at-scale commands (``stories``, ``load-shards``) in ``cli_scale.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import InputError, NewsgraphError, ViewError
from .settings import load as load_settings
from .cli_options import (  # noqa: F401  (the options and helpers every command shares)
    EXIT_FATAL,
    EXIT_PARTIAL,
    DbOpt,
    JsonOpt,
    LimitOpt,
    MaxBytesOpt,
    ModelOpt,
    StageOpt,
    NewsgraphGroup,
    _db,
    _drop_new_db,
    _err,
    _error_line,
    _fatal,
    _new_sqlite,
    _open,
    _print_json,
    _progress,
    _stage_options,
    _table,
)

app = typer.Typer(
    cls=NewsgraphGroup,
    help="newsgraph: turn news into an evidence-linked database of quotes, events, actors and places.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _settings(config: Optional[Path] = typer.Option(None, "--config", help="A TOML settings file (db, "
                                                    "spacy_model, api_token, …; default: $NEWSGRAPH_CONFIG); "
                                                    "flags override it, it overrides the environment."),
              version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                           help="Print the version and exit.")) -> None:
    from .settings import use_config

    use_config(config)


eval_app = typer.Typer(help="Score newsgraph against gold data (precision, recall, F1).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
def _eval_group(ctx: typer.Context) -> None:
    # long evaluations show a progress bar per loop on stderr when it is a terminal (closed with the group)
    from .cli_options import _eval_bars

    ctx.with_resource(_eval_bars())

@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for JSON Lines on stdin."),
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Stop after reading: text and metadata only."),
    model: Optional[str] = ModelOpt,
    max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per nlp.pipe batch."),
    stage: Optional[List[str]] = StageOpt,
) -> None:
    """Print one JSON object per article (JSON Lines) on stdout; see docs/output.md."""
    from .pipeline import analyze_articles, readable
    from .readers import ReaderError, iter_articles

    failures: list[ReaderError] = []
    count = 0

    def say(item) -> None:
        if isinstance(item, ReaderError):
            _err(_error_line(item))

    options = _stage_options(stage)
    good = readable(iter_articles(paths, max_bytes=max_bytes), failures, on_item=say, log=False)
    for result in analyze_articles(good, model=model, nlp=not no_nlp, batch_size=batch_size, options=options):
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    _err(f"extracted {count} article(s), {len(failures)} failed")
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


def _monitor_report(summary) -> None:
    if summary.inserted and summary.monitor is None:  # the articles are stored; the series can be rebuilt
        _err("warning: monitor series not refreshed (newsgraph alerts --refresh rebuilds them)")
    if summary.alerts:  # delivered by the ingest itself (newsgraph.monitor.alerts.post_new_alerts)
        _err(f"{summary.alerts} alert(s) posted")


def _ingest_report(summary, store_url: str, json_out: bool) -> None:
    if not sys.stderr.isatty():
        for f in summary.failures:
            _err(_error_line(f))
    if json_out:
        _print_json(summary.to_dict())
    else:
        _err(f"{summary.read} read, {summary.inserted} stored, {summary.duplicates} already stored, "
             f"{summary.skipped_nlp} not English (stored without NLP), {summary.failed} failed → {store_url}")


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
    stage: Optional[List[str]] = StageOpt,
    json_out: bool = JsonOpt,
) -> None:
    """Read, analyse and store articles; re-running skips what is stored already."""
    from .ingestion import ingest as run_ingest
    from .readers import ReaderError

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing and len(missing) == len(paths):  # nothing to read: say so once, create no database
        for p in missing:
            _err(_error_line(ReaderError("no such file or directory", path=p)))
        raise typer.Exit(EXIT_PARTIAL)
    options = _stage_options(stage)
    new_file = _new_sqlite(db)
    store = _open(db, create=True)
    store.dedup = not no_dedup
    url = store.url
    parallel = workers > 1 or dask is not None or shards is not None
    if parallel:
        store.close()
    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(item) -> None:
            if isinstance(item, ReaderError) and sys.stderr.isatty():  # else listed once at the end
                progress.console.print(_error_line(item), markup=False, highlight=False)
            progress.advance(task)

        try:
            summary = run_ingest(paths, _db(db) if parallel else store, workers=workers, dask=dask, shards=shards,
                                 model=model, nlp=not no_nlp, batch_size=batch_size, max_bytes=max_bytes,
                                 dedup=not no_dedup, on_article=tick, options=options)
        except NewsgraphError:
            raise
        except (OSError, RuntimeError, TimeoutError, ValueError) as exc:
            if not parallel:
                raise
            raise _fatal(f"parallel ingest failed: {exc}") from None
    if new_file is not None and not summary.read and not summary.inserted:  # a failed run leaves no database
        store.close()
        _drop_new_db(new_file)
        url += " (not created: nothing was read)"
    _monitor_report(summary)
    _ingest_report(summary, url, json_out)
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


FeedArg = typer.Argument(..., help="Feed URLs (RSS/Atom), or files listing one URL a line.")
UserAgentOpt = typer.Option(None, "--user-agent", help="User-Agent header (default: newsgraph/VERSION …).")
TimeoutOpt = typer.Option(20.0, "--timeout", min=0.1, help="Seconds per HTTP request.")
DelayOpt = typer.Option(1.0, "--delay", min=0.0, help="Seconds between two requests to one host.")


def _fetch_cmd(urls: List[str], db: str, no_nlp: bool, model: Optional[str], max_bytes: int, batch_size: int,
               user_agent: Optional[str], timeout: float, delay: float, json_out: bool,
               every: Optional[str] = None, rounds: Optional[int] = None,
               alerts_webhook: Optional[str] = None, alerts_file: Optional[Path] = None,
               stage: Optional[List[str]] = None) -> None:
    from .feeds import FetchSettings, expand_sources, fetch, parse_interval, watch
    from .monitor.alerts import AlertSink

    try:
        sources = expand_sources(urls)
        interval = parse_interval(every) if every is not None else None
    except ValueError as exc:
        raise InputError(str(exc), code="E401") from None
    options = _stage_options(stage)  # a bad --stage is E404 (exit 2) before any database is made
    settings = FetchSettings(timeout=timeout, per_host_delay=delay, max_bytes=max_bytes,
                             **({"user_agent": user_agent} if user_agent else {}))
    # the flags override the settings' sink (alerts_webhook, alerts_file), as every ingest uses
    sink = AlertSink.from_settings(load_settings(alerts_webhook=alerts_webhook,
                                                 alerts_file=None if alerts_file is None else str(alerts_file)))
    store = _open(db, create=True)
    try:
        if interval is None:
            with _progress() as progress:  # on a terminal: a spinner and the count of articles written
                task = progress.add_task(f"fetching {len(sources)} feed(s)", total=None)
                store.on_write = lambda n, _result: progress.advance(task, n)
                try:
                    summary = fetch(sources, store, settings=settings, model=model, nlp=not no_nlp,
                                    batch_size=batch_size, alerts=sink, options=options)
                finally:
                    store.on_write = None
            _monitor_report(summary)
        else:
            def report(round_no: int, s) -> None:
                _err(f"round {round_no}: {s.line()}")
                if s.inserted:
                    _monitor_report(s)

            summary = watch(sources, store, every=interval, settings=settings, model=model, nlp=not no_nlp,
                            batch_size=batch_size, rounds=rounds, alerts=sink, on_round=report, options=options)
    except KeyboardInterrupt:
        _err("stopped")
        return
    for f in summary.failures:
        _err(_error_line(f))
    if json_out:
        _print_json(summary.to_dict())
    else:
        _err(f"{summary.line()} → {store.url}")
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def fetch(
    urls: List[str] = FeedArg, db: str = DbOpt,
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt, max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per transaction / nlp.pipe batch."),
    user_agent: Optional[str] = UserAgentOpt, timeout: float = TimeoutOpt, delay: float = DelayOpt,
    stage: Optional[List[str]] = StageOpt,
    json_out: bool = JsonOpt,
) -> None:
    """Poll feeds once: fetch their new items over HTTP and ingest them. A URL that is
    not a feed is fetched as an article page."""
    _fetch_cmd(urls, db, no_nlp, model, max_bytes, batch_size, user_agent, timeout, delay, json_out, stage=stage)


@app.command()
def watch(
    feeds: List[str] = FeedArg, db: str = DbOpt,
    every: str = typer.Option("10m", "--every", help="Polling interval: 30s, 10m, 1h…"),
    rounds: Optional[int] = typer.Option(None, "--rounds", min=1, help="Stop after this many polls."),
    no_nlp: bool = typer.Option(False, "--no-nlp", help="Store text and metadata only."),
    model: Optional[str] = ModelOpt, max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per transaction / nlp.pipe batch."),
    user_agent: Optional[str] = UserAgentOpt, timeout: float = TimeoutOpt, delay: float = DelayOpt,
    json_out: bool = JsonOpt,
    alerts_webhook: Optional[str] = typer.Option(None, "--alerts-webhook", help="POST new alerts (JSON) "
                                                 "to this URL after each round that stored articles."),
    alerts_file: Optional[Path] = typer.Option(None, "--alerts-file", help="Append new alerts (JSON Lines) "
                                               "to this file after each round that stored articles."),
    stage: Optional[List[str]] = StageOpt,
) -> None:
    """Poll feeds every --every and ingest new items until stopped (Ctrl-C) or --rounds."""
    _fetch_cmd(feeds, db, no_nlp, model, max_bytes, batch_size, user_agent, timeout, delay, json_out,
               every=every, rounds=rounds, alerts_webhook=alerts_webhook, alerts_file=alerts_file, stage=stage)


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
    from .monitor.alerts import DEFAULT, AlertSettings, check_query, describe, find_alerts

    # checked before the database is opened: a bad value is E401 (exit 2), as /api/alerts answers 400
    f = check_query(since=since, until=until, scope=scope, country=country)
    since, until, scope, country = f["since"], f["until"], f["scope"], f["country"]
    engine = _monitor_engine(db, refresh)
    settings = DEFAULT if threshold is None else AlertSettings(threshold=threshold)
    found = find_alerts(engine, since=since, until=until, settings=settings, scope=scope, country=country,
                        limit=limit)
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
def report(country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3, e.g. KAZ."),
           actor: Optional[str] = typer.Option(None, "--actor", help="An actor id or name (instead of --country)."),
           date_from: Optional[str] = typer.Option(None, "--from", help="First day (default: 30 days before --to)."),
           date_to: Optional[str] = typer.Option(None, "--to", help="Last day (default: the latest in the database)."),
           db: str = DbOpt,
           fmt: str = typer.Option("html", "--format", help="html | md"),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
           base_url: Optional[str] = typer.Option(None, "--base-url", help="Link articles to this dashboard."),
           threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0,
                                                     help="Alert surprise score (default 3.75)."),
           refresh: bool = typer.Option(False, "--refresh", help="Rebuild the daily series first.")) -> None:
    """A self-contained report on a country or an actor (HTML with inline SVG charts, or Markdown)."""
    from datetime import date, timedelta

    from .monitor.alerts import coverage
    from .monitor.report import country_name, make_report

    # every bad value is a ViewError (E401, exit 2), printed once with its code by NewsgraphGroup
    if (country is None) == (actor is None):
        raise ViewError("give --country CODE or --actor NAME (one of them)")
    try:
        country is None or country_name(country)
    except ValueError as exc:
        raise ViewError(f"--country: {exc}") from None
    if fmt not in ("html", "md"):
        raise ViewError(f"--format must be html or md: {fmt!r}")
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ViewError(f"{name} is not a date (YYYY-MM-DD): {value!r}") from None
    if date_from and date_to and date_from > date_to:
        raise ViewError(f"--from ({date_from}) is after --to ({date_to})")
    engine = _monitor_engine(db, refresh)
    if actor is not None:
        from .monitor.actor_report import resolve_actor

        actor_id = resolve_actor(engine, actor)
        if actor_id is None:
            raise ViewError(f"--actor: no actor matches {actor!r} (see: newsgraph actors --search NAME)")
    if actor is not None and not date_to:  # an actor's report covers all its days by default
        end, start = None, date_from
    else:
        end = date_to or coverage(engine)[1] or date.today().isoformat()
        start = date_from or (date.fromisoformat(end) - timedelta(days=29)).isoformat()
    if start and end and start > end:
        raise ViewError(f"--from ({start}) is after --to ({end})")
    if actor is not None:
        from .monitor.actor_report import make_actor_report

        text = make_actor_report(engine, actor_id, start, end, fmt=fmt, base_url=base_url)
    else:
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
          token: Optional[str] = typer.Option(None, "--token", help="Enable the write endpoints (ingest) for "
                                              "this bearer token (default: $NEWSGRAPH_API_TOKEN, api_token in "
                                              "the config file)."),
          log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
          max_body_bytes: Optional[int] = typer.Option(
              None, "--max-body-bytes", min=0,
              help="Larger request bodies get 413 (default: $NEWSGRAPH_MAX_BODY_BYTES, else 100 MiB; 0: no limit)."),
          rate_limit: Optional[float] = typer.Option(
              None, "--rate-limit", min=0.0,
              help="Requests per second per client IP, then 429 (default: $NEWSGRAPH_RATE_LIMIT, else 0: off)."),
          rate_burst: Optional[float] = typer.Option(
              None, "--rate-burst", min=0.0,
              help="Burst allowed above the rate (default: $NEWSGRAPH_RATE_BURST, else 10 or twice the rate)."),
          workers: int = typer.Option(1, "--workers", min=1, max=64,
                                      help="Server processes (use the cores; each has its own cache)."),
          stage: Optional[List[str]] = StageOpt) -> None:
    """Serve the REST API (/api/v1, /openapi.json) and the dashboard (/) over a database."""
    try:
        from .api.app import serve as run_server
    except ImportError as exc:
        raise _fatal(f"the API needs extra packages ({exc.name}): pip install fastapi uvicorn "
                     "python-multipart pyarrow plotly bqplot") from None

    # resolved here (flags over the config file over the environment): worker processes get the values
    s = load_settings(api_token=token or None, max_body_bytes=max_body_bytes, rate_limit=rate_limit,
                      rate_burst=rate_burst)
    run_server(_db(db), host=host, port=port, token=s.api_token, log_level=log_level,
               max_body_bytes=s.max_body_bytes, rate_limit=s.rate_limit, rate_burst=s.rate_burst, workers=workers,
               options=_stage_options(stage))


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
                split: str = typer.Option("dev", "--split", help="With --pages: dev, heldout, fresh, fresh2 or all."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Quote content P/R/F1 at overlap thresholds and speaker accuracy (PolNeAR, or real pages with --pages)."""
    if not pages:
        if polnear is None:
            _err("error: give --polnear FOLDER or --pages")
            raise typer.Exit(2)
        _run_eval("quotes", polnear, limit, json_out)
        return
    if split not in ("dev", "heldout", "fresh", "fresh2", "all"):
        _err("error: --split must be dev, heldout, fresh, fresh2 or all")
        raise typer.Exit(2)
    from .eval.quotes import evaluate_pages, format_pages_report

    if aeb is None:  # the settings' shared folder ($NEWSGRAPH_SHARED, the config file), else ../shared
        aeb = Path(load_settings().shared or Path.cwd().parent / "shared") / "eval" / "aeb"
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
                                          "dev, heldout, fresh, fresh2 or all (--pages)."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Event type recall/precision, source-actor accuracy and a confusion table (PLOVER or PLV
    sentences), or precision, recall and false events per non-political page (--pages)."""
    from .eval import events as ev_eval

    if sum(x is not None and x is not False for x in (plover_gsr, plv, pages or None)) != 1:
        _err("error: give one of --plover-gsr FILE, --plv FILE or --pages")
        raise typer.Exit(2)
    if pages:
        if split not in ("dev", "heldout", "fresh", "fresh2", "all"):
            _err("error: --split must be dev, heldout, fresh, fresh2 or all with --pages")
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
                split: str = typer.Option("all", "--split", help="dev, heldout, fresh, fresh2 or all (--pages)."),
                limit: Optional[int] = EvalLimit, json_out: bool = JsonOpt) -> None:
    """Accuracy of resolving gold actor mentions to country codes (PLOVER), or junk, country and place
    accuracy of actor and place records on real pages (--pages)."""
    if pages:
        from .eval.actors import evaluate_pages, format_pages_report

        if split not in ("dev", "heldout", "fresh", "fresh2", "all"):
            _err("error: --split must be dev, heldout, fresh, fresh2 or all")
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


from .cli_read import register as _register_read  # noqa: E402  (stats, articles, quotes, events, actors, actor)
from .cli_scale import register as _register_scale  # noqa: E402  (stories, load-shards)

_register_read(app)
_register_scale(app)


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
