"""Gold the team annotates on real pages: loading, checking and matching it to predictions.

The pages are those of the article-extraction benchmark (``../shared/eval/aeb``), across sections
(politics, world, crime, business, sports, products, lifestyle, entertainment, games). The list,
with each page's section and split, is ``gold/pages/pages.yaml``:

* ``split: dev`` pages may be read while developing rules;
* ``split: heldout`` pages are annotated by someone who does not tune the stages and are never
  read while developing; evaluations report both parts side by side;
* ``split: fresh`` pages are a later independent check, annotated without looking at any prediction
  and reported (in aggregate, like held-out pages) beside the other two;
* ``split: fresh2`` pages are a second such check (session 7, docs/annotation-fresh2.md), read the
  same way: aggregates only.

A split argument is one of :data:`PAGE_SPLITS`, ``all`` (every page) or several joined by ``+``
(``dev+heldout``, what the accuracy gates use).

Each layer (``events``, ``quotes``, ``entities``, ``meta``) keeps one JSON file per page:
``gold/pages/<layer>/<page id>.json`` = ``{"page": id, "layer": ..., "annotator": ..., "items": [...]}``.
Offsets index the benchmark's gold body (``articleBody`` in ``ground-truth.json``), which is read
from ``../shared`` at run time: the files hold offsets, labels and an 8-hex checksum of each span's
text (``sha``), never the text itself. :func:`load_layer` refuses a file whose checksums do not
match the body. The guidelines of each layer are in ``docs/annotation.md``.

Predictions come from what a user gets: the page's HTML read by the real reader and analysed by the
real pipeline. :class:`Aligner` maps the extracted text onto the gold body word by word; a predicted
span that falls outside the gold body (page furniture the reader kept) maps to ``None``, and the
layer's evaluation counts it as a false record.

Annotation helper (writes no text into the repository)::

    python -m newsgraph.eval.pages show PAGE            # the gold body with offsets, by paragraph
    python -m newsgraph.eval.pages find PAGE "snippet"  # offsets of each occurrence
    python -m newsgraph.eval.pages anchor LAYER PAGE draft.json --annotator NAME
        # turns a draft (spans written as {"find": "snippet", "nth": 0}) into a gold file
    python -m newsgraph.eval.pages check [LAYER]        # every gold file's checksums
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .progress import track

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "pages"
LAYERS = ("events", "quotes", "entities", "meta")
PAGE_SPLITS = ("dev", "heldout", "fresh", "fresh2")
_WORD = re.compile(r"\w+")


class GoldError(ValueError):
    """A gold file that does not fit its page (wrong checksum, offsets out of range)."""


def span_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def page_list(split: str | None = None) -> list[dict[str, Any]]:
    """The annotated pages: ``[{"id", "section", "split"}]``, optionally of one split (or several
    joined by ``+``: ``dev+heldout``)."""
    pages = yaml.safe_load((GOLD_DIR / "pages.yaml").read_text(encoding="utf-8"))["pages"]
    if split in (None, "all"):
        return pages
    wanted = set(split.split("+"))
    if not wanted <= set(PAGE_SPLITS):
        raise ValueError(f"page split must be all or of {PAGE_SPLITS} (joined by +): {split!r}")
    return [p for p in pages if p["split"] in wanted]


@lru_cache(maxsize=4)
def _ground_truth(aeb_dir: str) -> dict[str, dict[str, str]]:
    return json.loads((Path(aeb_dir) / "ground-truth.json").read_text(encoding="utf-8"))


def gold_body(aeb_dir: str | Path, page_id: str) -> str:
    return _ground_truth(str(aeb_dir))[page_id]["articleBody"]


def page_url(aeb_dir: str | Path, page_id: str) -> str | None:
    return _ground_truth(str(aeb_dir))[page_id].get("url")


def page_html(aeb_dir: str | Path, page_id: str) -> bytes:
    return gzip.decompress((Path(aeb_dir) / "html" / f"{page_id}.html.gz").read_bytes())


def _is_span(value: Any) -> bool:
    return isinstance(value, dict) and "start" in value and "end" in value and "sha" in value


def _walk_spans(value: Any):
    if _is_span(value):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk_spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk_spans(v)


def check_file(path: Path, body: str) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for span in _walk_spans(data.get("items", [])):
        start, end = span["start"], span["end"]
        if not (0 <= start <= end <= len(body)):
            raise GoldError(f"{path.name}: span {start}-{end} outside the body ({len(body)} characters)")
        if span_sha(body[start:end]) != span["sha"]:
            raise GoldError(f"{path.name}: span {start}-{end} does not match its checksum (body changed?)")
    return data


def load_layer(layer: str, aeb_dir: str | Path, split: str | None = None) -> dict[str, dict[str, Any]]:
    """``{page id: gold file contents}`` for the pages of ``split`` that have a file in ``layer``."""
    out = {}
    for page in page_list(split):
        path = GOLD_DIR / layer / f"{page['id']}.json"
        if path.exists():
            data = check_file(path, gold_body(aeb_dir, page["id"]))
            data["section"], data["split"] = page["section"], page["split"]
            out[page["id"]] = data
    return out


class Aligner:
    """Maps character spans of an extracted text onto the gold body, word by word."""

    def __init__(self, pred_text: str, gold_text: str) -> None:
        self.pred = [(m.start(), m.end()) for m in _WORD.finditer(pred_text)]
        self.gold = [(m.start(), m.end()) for m in _WORD.finditer(gold_text)]
        a = [pred_text[s:e].casefold() for s, e in self.pred]
        b = [gold_text[s:e].casefold() for s, e in self.gold]
        self.to_gold: list[int | None] = [None] * len(a)
        for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            for k in range(block.size):
                self.to_gold[block.a + k] = block.b + k
        self._starts = [s for s, _ in self.pred]

    def _tokens(self, start: int, end: int) -> range:
        first = bisect.bisect_left(self._starts, start)
        while first > 0 and self.pred[first - 1][1] > start:
            first -= 1
        last = bisect.bisect_left(self._starts, end)
        return range(first, last)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The gold span of the extracted ``[start, end)``, or ``None`` when at most half of its
        words are in the gold body."""
        toks = self._tokens(start, end)
        mapped = [self.to_gold[i] for i in toks if self.to_gold[i] is not None]
        if not toks or len(mapped) * 2 <= len(toks):
            return None
        return self.gold[min(mapped)][0], self.gold[max(mapped)][1]

    def offset(self, pos: int) -> int | None:
        g = self.span(pos, pos + 1)
        return g[0] if g else None


@dataclass
class PagePrediction:
    page_id: str
    body: str  # the gold body
    result: Any  # AnalyzedArticle of the page as read from its HTML
    aligner: Aligner

    def span(self, start: int | None, end: int | None) -> tuple[int, int] | None:
        if start is None or end is None:
            return None
        return self.aligner.span(start, end)


def predict_pages(aeb_dir: str | Path, page_ids: list[str], *, model: str | None = None) -> dict[str, PagePrediction]:
    """Read each page's HTML with the real reader, analyse it, align it to the gold body."""
    from ..language import detect_language
    from ..pipeline import analyze_articles
    from ..readers.html import read_html

    arts = []
    for pid in page_ids:
        art = read_html(page_html(aeb_dir, pid), source_path=f"aeb/{pid}.html", url=page_url(aeb_dir, pid))
        if art.language is None:
            art.language = detect_language(art.text)
        arts.append(art)
    out = {}
    for pid, res in zip(page_ids, track(analyze_articles(arts, model=model), len(arts), "pages")):
        body = gold_body(aeb_dir, pid)
        out[pid] = PagePrediction(pid, body, res, Aligner(res.article.text, body))
    return out


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """Overlap of two spans over the shorter one (0 when either is missing)."""
    if not a or not b:
        return 0.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, min(a[1] - a[0], b[1] - b[0]))


# --- the annotation helper -------------------------------------------------------------------

def _anchor(value: Any, body: str) -> Any:
    if isinstance(value, dict) and "find" in value:
        snippet, nth = value["find"], int(value.get("nth", 0))
        pos, seen = -1, -1
        while seen < nth:
            pos = body.find(snippet, pos + 1)
            if pos < 0:
                raise GoldError(f"snippet not found (occurrence {nth}): {snippet[:60]!r}")
            seen += 1
        return {"start": pos, "end": pos + len(snippet), "sha": span_sha(snippet)}
    if isinstance(value, dict) and "start" in value and "end" in value and "sha" not in value:
        return {**value, "sha": span_sha(body[value["start"]:value["end"]])}
    if isinstance(value, dict):
        return {k: _anchor(v, body) for k, v in value.items()}
    if isinstance(value, list):
        return [_anchor(v, body) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.eval.pages", description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", default=str(Path(__file__).resolve().parents[4] / "shared" / "eval" / "aeb"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("show"); p.add_argument("page")
    p = sub.add_parser("find"); p.add_argument("page"); p.add_argument("snippet")
    p = sub.add_parser("anchor"); p.add_argument("layer", choices=LAYERS); p.add_argument("page")
    p.add_argument("draft"); p.add_argument("--annotator", required=True)
    p.add_argument("--dest", help="write DEST/<layer>/<page>.json instead of the gold folder (a second annotation)")
    p = sub.add_parser("check"); p.add_argument("layer", nargs="?")
    args = ap.parse_args(argv)
    if args.cmd == "check":
        n = 0
        for layer in [args.layer] if args.layer else LAYERS:
            n += len(load_layer(layer, args.aeb))
        print(f"{n} gold files checked")
        return 0
    page = next((p["id"] for p in page_list() if p["id"].startswith(args.page)), args.page)
    body = gold_body(args.aeb, page)
    if args.cmd == "show":
        pos = 0
        for para in body.split("\n"):
            if para.strip():
                print(f"[{pos}-{pos + len(para)}] {para}")
            pos += len(para) + 1
    elif args.cmd == "find":
        pos = body.find(args.snippet)
        while pos >= 0:
            print(pos, pos + len(args.snippet))
            pos = body.find(args.snippet, pos + 1)
    elif args.cmd == "anchor":
        draft = json.loads(Path(args.draft).read_text(encoding="utf-8"))
        items = _anchor(draft["items"] if isinstance(draft, dict) else draft, body)
        out = {"page": page, "layer": args.layer, "annotator": args.annotator, "items": items}
        path = (Path(args.dest) if args.dest else GOLD_DIR) / args.layer / f"{page}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(items)} items)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
