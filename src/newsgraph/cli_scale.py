"""CLI commands for the at-scale features: ``stories`` and ``load-shards``.

Registered on the main Typer app by ``cli.py`` (``register(app)``); a thin layer over the read
layer (``newsgraph.store.read``: ``list_stories``, ``get_story``) and ``newsgraph.shards``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .cli_options import EXIT_FATAL, EXIT_PARTIAL, DbOpt, JsonOpt, LimitOpt, _bar, _err, _open, _print_json, _table
from .cli_read import CursorOpt, collect
from .errors import InputError


def register(app: typer.Typer) -> None:
    @app.command()
    def stories(
        story_id: Optional[int] = typer.Argument(None, help="Show this story's articles."),
        db: str = DbOpt,
        min_articles: int = typer.Option(2, "--min-articles", min=1, help="Only stories with at least this "
                                         "many articles (1: every article's story)."),
        since: Optional[str] = typer.Option(None, "--since", help="Only stories with an article published on "
                                            "or after this day (YYYY-MM-DD, YYYY-MM or YYYY)."),
        until: Optional[str] = typer.Option(None, "--until", help="Only stories with an article published on "
                                            "or before this day."),
        limit: int = LimitOpt,
        cursor: Optional[str] = CursorOpt,
        json_out: bool = JsonOpt,
    ) -> None:
        """Near-duplicate stories (syndicated copies), the largest first; or one story's articles
        (the API's /api/v1/stories and /api/v1/stories/{id}, through the same read layer)."""
        from .store import read  # lazily: `newsgraph --help` loads no database code

        if story_id is None:  # filters checked before the database is opened (E401, exit 2)
            read.check_date(since, "since")
            read.check_date(until, "until")
        engine = _open(db).engine
        if story_id is not None:
            story = read.get_story(engine, story_id)
            if story is None:
                raise InputError(f"no story {story_id} (see: newsgraph stories --min-articles 1)", code="E403")
            if json_out:
                _print_json(story["articles"])
            else:
                _table(story["articles"], ["id", "key", "published", "site", "similarity", "title"],
                       widths={"title": 60})
            return
        rows, nxt = collect(read.list_stories, engine, limit=limit, cursor=cursor, min_articles=min_articles,
                            since=since, until=until)
        if json_out:
            _print_json(rows)
        elif not rows:
            _err("no stories" + (f" with {min_articles} articles or more" if min_articles > 1 else "")
                 + (" in these dates" if since or until else "")
                 + (": try --min-articles 1" if min_articles > 1 else ""))
        else:
            _table(rows, ["story_id", "num_articles", "num_sources", "first_published", "last_published",
                          "title"], widths={"title": 60})
        if nxt:
            _err(f"more: --cursor {nxt}")

    @app.command("load-shards")
    def load_shards_cmd(
        directory: Path = typer.Argument(..., help="A shard directory (ingest --shards DIR) with manifest.json."),
        db: str = DbOpt,
        no_dedup: bool = typer.Option(False, "--no-dedup", help="Do not link near-duplicate copies to stories."),
        batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per transaction."),
        json_out: bool = JsonOpt,
    ) -> None:
        """Store the Parquet shards written by `ingest --shards` (in unit order; stored texts are skipped)."""
        from .ingestion import load_shards

        if not (directory / "manifest.json").is_file():  # a usage error: no database is created for it
            what = "does not exist" if not directory.exists() else "is not a shard directory (no manifest.json)"
            raise InputError(f"{directory} {what}; write shards with: newsgraph ingest ... --shards DIR")
        from .shards import Manifest

        try:  # the bar's length: the rows the manifest lists
            total = sum(int(e.get("rows") or 0) for e in Manifest.read(directory).units.values() if e.get("file"))
        except (ValueError, KeyError, TypeError):
            total = 0  # load_shards reports what is wrong with the manifest
        store = _open(db, create=True)
        store.dedup = not no_dedup
        try:
            with _bar(total, "loading articles") as bar:
                store.on_write = lambda n, _result: bar.update(n)
                res = load_shards(directory, store, batch_size=batch_size)
        except (FileNotFoundError, ValueError, KeyError) as exc:
            _err(f"error: {exc}")
            raise typer.Exit(EXIT_FATAL) from None
        finally:
            store.on_write = None
            store.close()
        if res.inserted and res.monitor is None:
            _err("warning: monitor series not refreshed (newsgraph alerts --refresh rebuilds them)")
        for p in res.problems:
            _err(f"error: {p}")
        if not res.complete:
            _err("warning: the manifest is not complete (the ingest that wrote it did not finish)")
        if json_out:
            _print_json(res.to_dict())
        else:
            _err(f"{res.shards} shard(s), {res.articles} article(s): {res.inserted} stored, "
                 f"{res.duplicates} already stored → {store.url}")
        if res.problems:
            raise typer.Exit(EXIT_PARTIAL)
