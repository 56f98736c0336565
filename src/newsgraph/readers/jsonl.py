"""JSON Lines: one article per line, text taken verbatim.

Each line is an object with ``text`` (required, non-empty string) and optional
``id``, ``title``, ``published``, ``url``, ``authors`` (list or string),
``site``, ``language`` (ISO 639-1; detected from the text when absent). The text is not cleaned, so offsets index exactly the given text.
A bad line yields a ``ReaderError`` naming the line; the other lines go on.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from ..model import Article
from .base import ReaderError
from .dates import normalise_date

_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_record(obj: object, *, source_path: str | None, line: int) -> Article:
    if not isinstance(obj, dict):
        raise ReaderError("line is not a JSON object", path=source_path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise ReaderError("missing or non-string 'text'", path=source_path, line=line)
    if not text.strip():
        raise ReaderError("empty 'text'", path=source_path, line=line)
    bad = _SURROGATE.search(text)
    if bad:  # "\ud800" escapes decode to lone surrogates: not text (no UTF-8, no parse, no hash)
        raise ReaderError(f"invalid Unicode in 'text' (lone surrogate U+{ord(bad.group()):04X} at character "
                          f"{bad.start()})", path=source_path, line=line)
    notes = []
    if "\x00" in text:  # PostgreSQL cannot store NUL in text; U+FFFD keeps every offset
        text = text.replace("\x00", "\ufffd")
        notes.append("NUL characters in the text replaced by U+FFFD")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        raise ReaderError("'authors' must be a list of strings", path=source_path, line=line)
    published = obj.get("published") or obj.get("date")
    art = Article(
        text=text,
        id=_no_surrogates(str(obj["id"])) if obj.get("id") not in (None, "") else "",
        title=_opt_str(obj.get("title")),
        published=normalise_date(published) if isinstance(published, str) else None,
        url=_opt_str(obj.get("url")),
        authors=[_no_surrogates(str(a)) for a in authors],
        site=_opt_str(obj.get("site")),
        language=_language(obj.get("language") or obj.get("lang")),
        source_path=f"{source_path}:{line}" if source_path else f"<stdin>:{line}",
        notes=notes,
    )
    return art


def _language(v: object) -> str | None:
    """A declared language ("en", "EN", "en-GB") as a lower-case ISO 639-1 code; else None
    (then it is detected from the text)."""
    if not isinstance(v, str) or not v.strip():
        return None
    code = v.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


def _opt_str(v: object) -> str | None:
    return _no_surrogates(str(v)) if v not in (None, "") else None


def _no_surrogates(s: str) -> str:
    """Metadata with lone surrogates or NUL keeps its value, each such character replaced
    by U+FFFD (it could not be stored or printed otherwise)."""
    return _SURROGATE.sub("\ufffd", s).replace("\x00", "\ufffd")


def read_jsonl_lines(lines: Iterable[str], *, source_path: str | None = None) -> Iterator[Article | ReaderError]:
    """Yield an Article per good line and a ReaderError per bad one."""
    any_line = False
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        any_line = True
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ReaderError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=source_path, line=n)
            continue
        except RecursionError:  # "[[[[…" 100,000 deep: one bad line, not a lost file
            yield ReaderError("malformed JSON (nested too deeply)", path=source_path, line=n)
            continue
        try:
            yield parse_record(obj, source_path=source_path, line=n)
        except ReaderError as err:
            yield err
    if not any_line:
        yield ReaderError("empty file (no JSON lines)", path=source_path)
