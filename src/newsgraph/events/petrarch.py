"""Convert PETRARCH2's dictionaries (Open Event Data, MIT) into newsgraph data files.

Files of ``../shared/petrarch2`` (format documented in its ``dictionaries.rst``) become
readable data of the event stage, with the MIT notice kept beside them
(``data/PETRARCH-LICENSE.txt``):

* ``Phoenix.discards.txt`` -> ``data/discards.tsv``: the phrases after which PETRARCH codes no
  sentence (``+``: no story). Columns ``phrase  scope  match  category``: the phrase in lower
  case, ``story`` or ``sentence``, ``word`` (the phrase must end at a word boundary: a trailing
  ``_`` in the source) or ``stem``, and a category that this script assigns from the phrase's
  words (our own key words below): ``sports``, ``entertainment``, ``disaster``, ``accident``,
  ``disease``, ``history`` or ``other``. How the event stage uses them is in ``docs/events.md``
  (sports/entertainment phrases feed the article topic and the sentence gate; accidents,
  disasters and diseases stop ASSAULT codings; history is not used: dates handle it).

* ``CAMEO.2.0.txt`` -> ``data/cameo_verbs.json``: the verb dictionary (about 4,700 patterns in
  397 synonym blocks). Each block keeps its patterns; each verb points to its block. A pattern
  after the verb ("``- * (FOR AID)``", "``- * {ARMS SHIPMENT}``", "``- * &WEAPON``") becomes a
  rule: the object's head words (``obj``), a preposition (``prep``) and the heads of its object
  (``prep_obj``), synsets (``&NAME``) expanded into their head words; patterns before the verb
  (subjects) and the ``$ + ^ %`` role marks are not used. The CAMEO code of each pattern (the
  first of ``[a:b]``) is mapped to a PLOVER 2.0 type and mode by :data:`CAMEO_TO_PLOVER`
  (our table); statement codes (01x) and ``---`` give ``null`` (this use is not an event). A
  verb's own code, else its block's, codes the verb alone (``bare``). The event stage loads the
  file lazily: the rules of a verb are built the first time the verb is met
  (:mod:`newsgraph.events.patterns`), after the team's own rules for the same verb.

Run (deterministic: the same input gives the same bytes)::

    python -m newsgraph.events.petrarch ../shared/petrarch2
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"

# our key words for the category of a discard phrase (checked in this order)
CATEGORY_WORDS = {
    "accident": ("accident", "capsized", "plunged", "fell into", "crash"),
    "disaster": ("flood", "storm", "typhoon", "tsunami", "landslide", "mudslide", "blizzard", "tropical", "yellow dust"),
    "disease": ("flu", "influenza", "ebola", "polio", "fever", "virus", "cholera", "h5n1", "epidemic", "dengue",
                "chickungunga", "rabid", "medical"),
    "history": ("war", "years ago", "months ago", "weeks ago", "later", "empire", "pharaoh", "mummy", "napoleonic",
                "tutankhamun", "millennium", "pearl harbor", "bataan", "archaeology"),
    "entertainment": ("film", "movie", "award", "oscar", "brother", "television", " tv", "concert", "blockbuster",
                      "box office", "pageant", "housewives", "philharmonic", "beatles", "hollywood", "prize",
                      "anthem", "celebrity", "popeye", "king kong", "avatar", "rambo", "sculptor", "picasso",
                      "nude", "pornographic", "warcraft", "azeroth", "golden globe", "dicaprio", "fonda", "kate moss",
                      "jacky cheung", "glitter"),
    "sports": ("cup", "games", "golf", "tennis", "football", "soccer", "match", "seed", "round", "medal", "champion",
               "tournament", "league", "bowl", "ball", "cricket", "rugby", "boxing", "wrestl", "sumo", "chess",
               "hockey", "nba", "fifa", "uefa", "olympic", "marathon", "sprinter", "batsm", "bowler", "bowling",
               "wicket", "inning", "goal", "midfielder", "test ", "series", "playoff", "semi-final", "quarter final",
               "open", "weight", "judo", "triathlon", "aquatics", "badminton", "billiards", "snooker", "run ",
               "runs", "runner", "stroke", "par", "spinner", "paceman", "outfield", "yachting", "racing", "race",
               "rally", "formula one", "grand prix", "tour de france", "wimbledon", "davis", "ryder", "coaching",
               "national team", "youth players", "draw", "catch", "kick", "whistle", "qualif", "espn", "sports",
               "colts", "bears", "manchester united", "juventus", "beitar", "roma", "mannschaft", "gymnasium",
               "personal best", "record", "win", "loss", "stumps", "ashes", "multihulls", "pga", "nextel",
               "yokozuna", "ozeki", "sekiwake", "grand master", "stroke lead", "set win", "toss", "doubles",
               "hardcourt", "birdie", "under par", "afl", "weightlift", "competition", "euro ", "swimming", "batting",
               "centuries", "nations final", "game official", "agassi", "tiger woods", "serena",
               "beckham", "tendulkar", "pacquiao", "fischer", "minoza", "parreira", "kerr", "madjer", "keshi",
               "mcclaren", "michel", "verbeek", "jaffer", "unsportsman", "group "),
}


def category(phrase: str) -> str:
    p = " " + phrase.lower() + " "
    if re.fullmatch(r"\s*\d{4}\s*", p):
        return "history"
    for cat, words in CATEGORY_WORDS.items():
        if any(w in p for w in words):
            return cat
    return "other"


def convert_discards(src: Path) -> str:
    rows = []
    for line in src.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        scope = "sentence"
        if body.startswith("+"):
            scope, body = "story", body[1:].strip()
        match = "stem"
        if body.endswith("_"):
            match, body = "word", body[:-1]
        phrase = re.sub(r"\s+", " ", body.replace("_", " ")).strip().lower()
        if phrase:
            rows.append((phrase, scope, match, category(phrase)))
    rows = sorted(set(rows))
    out = ["# Converted by newsgraph.events.petrarch from PETRARCH2's Phoenix.discards.txt (MIT, see",
           "# PETRARCH-LICENSE.txt); the category column is newsgraph's. Do not edit: rerun the script.",
           "# phrase\tscope\tmatch\tcategory"]
    out += ["\t".join(r) for r in rows]
    return "\n".join(out) + "\n"


# CAMEO code prefix -> (PLOVER 2.0 type, mode); the longest listed prefix wins. Our table, after
# the PLOVER 2.0 codebook's CAMEO crosswalk: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are
# ACCUSE, FIGHT is ASSAULT; release and return (084) and de-escalation (087) are RETREAT; signing a
# formal agreement (057) is SUPPORT, as in our own rules and both gold sets.
CAMEO_TO_PLOVER: dict[str, tuple[str | None, str | None]] = {
    "01": (None, None),
    "02": ("REQUEST", None),
    "03": ("AGREE", None),
    "04": ("CONSULT", None), "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"), "043": ("CONSULT", "host"),
    "044": ("CONSULT", "third-party"), "045": ("CONSULT", "third-party"),
    "05": ("SUPPORT", None),
    "06": ("COOPERATE", None),
    "07": ("AID", None), "071": ("AID", "economic"), "072": ("AID", "military"), "073": ("AID", "humanitarian"),
    "074": ("AID", "military"), "075": ("AID", "asylum"),
    "08": ("CONCEDE", None), "084": ("RETREAT", None), "087": ("RETREAT", None),
    "09": ("ACCUSE", None),
    "10": ("REQUEST", None),
    "11": ("ACCUSE", None),
    "12": ("REJECT", None),
    "13": ("THREATEN", None),
    "14": ("PROTEST", None), "141": ("PROTEST", "demo"), "142": ("PROTEST", "hunger"), "143": ("PROTEST", "strike"),
    "144": ("PROTEST", "obstruct"), "145": ("PROTEST", "riot"),
    "15": ("MOBILIZE", None), "151": ("MOBILIZE", "police"), "152": ("MOBILIZE", "troops"),
    "154": ("MOBILIZE", "troops"),
    "16": ("SANCTION", None),
    "17": ("COERCE", None), "171": ("COERCE", "seize"), "1711": ("COERCE", "confiscate"),
    "1712": ("COERCE", "destroy"), "172": ("COERCE", "restrict"), "173": ("COERCE", "arrest"),
    "174": ("COERCE", "expel"), "175": ("COERCE", "repress"), "176": ("COERCE", "cyber"),
    "18": ("ASSAULT", None), "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"),
    "1821": ("ASSAULT", "sexual"), "1822": ("ASSAULT", "torture"), "183": ("ASSAULT", "explosives"),
    "1831": ("ASSAULT", "suicide-attack"), "186": ("ASSAULT", "assassinate"),
    "19": ("ASSAULT", None), "192": ("ASSAULT", "occupy"), "193": ("ASSAULT", "firearms"),
    "194": ("ASSAULT", "heavy-weapons"), "195": ("ASSAULT", "aerial"),
    "20": ("ASSAULT", None),
}
_ROLE_MARKS = re.compile(r"[$+^%]")
_CODE = re.compile(r"\[([^\]]*)\]")


def plover_of(code: str | None) -> tuple[str | None, str | None]:
    if not code or not code[:2].isdigit():
        return None, None
    for n in range(len(code), 1, -1):
        if code[:n] in CAMEO_TO_PLOVER:
            return CAMEO_TO_PLOVER[code[:n]]
    return None, None


def _clean_code(raw: str) -> str | None:
    code = raw.split(":")[0].strip().rstrip("!")
    return code if code and code != "---" and code[:2].isdigit() else None


PARTICLES = frozenset("off up down out in on for of into across forward aside back away over around through "
                      "together apart ahead behind along against with to from at by about after before under "
                      "upon between among toward towards within without during near inside outside".split())


def _forms(word: str) -> list[str]:
    """The word and its naive singular ("talks" -> "talk", "militias" -> "militia")."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        out.append(word[:-1])
    return out


def _heads(tok: str, synsets: dict[str, list[str]]) -> list[str]:
    """Head words of a pattern element: ``WORD``, ``{A B}`` (the last word), ``&SYNSET``."""
    tok = tok.strip("{}").strip()
    if not tok:
        return []
    last = tok.split()[-1]
    if last.startswith("&"):
        return [f for w in synsets.get(last.rstrip("_"), []) for f in _forms(w)]
    return _forms(last.replace("_", " ").split()[-1].lower())


def _parse_pattern(body: str, synsets: dict[str, list[str]]) -> tuple[list[str], str, list[str]] | None:
    """The part after ``*``: object heads, first preposition and its object's heads."""
    body = _ROLE_MARKS.sub(" ", body)
    parts = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", body)
    obj: list[str] = []
    prep, pobj = "", []
    for part in parts:
        if part.startswith("("):
            inner = part.strip("()").split(None, 1)
            if not inner:
                continue
            if not prep:
                prep = inner[0].lower()
                if len(inner) > 1:
                    pobj = _heads(inner[1], synsets)
        elif not prep and not obj:
            if part.lower() in PARTICLES:
                prep = part.lower()  # "- * OFF": a particle
            else:
                obj = _heads(part, synsets)
        elif obj and not prep and not part.startswith("{"):
            # bare words after the object ("&SOLUTION OF + TRADE OFFICE"): a condition this format
            # cannot keep; without it the pattern would code any "announced a solution"
            return None
    if not obj and not prep:
        return None
    return sorted(set(obj)), prep, sorted(set(pobj))


# types whose patterns are kept for the verb they were written for when the block is of another
# type (PLV tune: restricting every type lost recall, 0.863 -> 0.854; sanctions on commerce were
# the false readings: "announced a solution", "submitted a proposal", "carry Orion")
OWN_VERB_TYPES = frozenset({"SANCTION", "THREATEN", "REJECT"})


def _own_verbs(block: dict) -> None:
    """A pattern's comment names the verb it was written for ("``- * &SOLUTION [160] # EXTEND``").
    Where that verb is one of the block's, the pattern is kept for it alone (its last field lists
    the verbs; empty: every verb of the block): "extend a solution" is no reason to code "announce
    a solution" or "submit a proposal" as a sanction."""
    verbs = block.pop("verbs", set())
    for p in block["patterns"]:
        p[6] = sorted(w for w in p[6] if w in verbs) if p[4] in OWN_VERB_TYPES and p[4] != block["type"] else []


def _dedupe(patterns: list[list]) -> list[list]:
    """One pattern per (object, preposition, prep-object): where the block's verbs gave the same
    pattern different codes, the most frequent PLOVER type wins (ties: the later, i.e. higher,
    code). Specific patterns (object and prep-object) come first."""
    groups: dict[tuple, list[list]] = {}
    for p in patterns:
        groups.setdefault((tuple(p[0]), p[1], tuple(p[2]), tuple(p[6])), []).append(p)
    out = []
    for key, ps in groups.items():
        counts: dict = {}
        for p in ps:
            counts[p[4]] = counts.get(p[4], 0) + 1
        best = max(counts.values())
        keep = list([p for p in ps if counts[p[4]] == best][-1])
        if any(not p[6] for p in ps if p[4] == keep[4]):
            keep[6] = []  # written for the whole block by one of its lines
        else:
            keep[6] = sorted({w for p in ps if p[4] == keep[4] for w in p[6]})
        out.append(keep)
    out.sort(key=lambda p: (not p[0], not p[2], p[1], p[0], p[2]))
    return out


def convert_verbs(src: Path) -> dict:
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    verbs: dict[str, list] = {}
    current_syn = None
    in_verbs = False
    for raw in src.read_text(encoding="utf-8", errors="replace").splitlines():
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        line = line.strip()
        if not in_verbs:
            if line.startswith("&"):
                current_syn = line.split()[0].rstrip("_")
                synsets[current_syn] = []
            elif line.startswith("+") and current_syn:
                words = line[1:].rstrip("_").replace("_", " ").split()
                if words:
                    synsets[current_syn].append(words[-1].lower())
            continue
        if line.startswith("---"):
            m = _CODE.search(line)
            blocks.append({"code": _clean_code(m.group(1)) if m else None, "patterns": []})
            continue
        if not blocks or line.startswith("~"):
            continue
        if line.startswith("-"):
            body = line[1:]
            m = _CODE.search(body)
            if m is None or "*" not in body:
                continue
            pre, post = body[: m.start()].split("*", 1)
            if pre.strip():
                continue  # a subject pattern: not used
            parsed = _parse_pattern(post, synsets)
            if parsed is None:
                continue
            code = _clean_code(m.group(1))
            etype, mode = plover_of(code)
            # the verb the pattern was written for ("# EXTEND"): see :func:`_own_verbs`
            written = sorted({w.lower() for w in re.findall(r"[A-Z]+", comment.split(" ab ")[0]) if len(w) > 2})
            blocks[-1]["patterns"].append([parsed[0], parsed[1], parsed[2], code if etype else None, etype, mode,
                                           written])
            continue
        # a verb line: VERB {forms} [code], or a multi-word verb +VERB_PARTICLE / WORD_+VERB
        head = re.split(r"[\s{\[]", line, 1)[0]
        m = _CODE.search(line.split("{")[0] + (line.split("}")[-1] if "}" in line else ""))
        own = _clean_code(m.group(1)) if m else None
        words = head.split("_")
        particle = ""
        if head.startswith("+") and len(words) == 2:
            lemma, particle = words[0][1:].lower(), words[1].lower()
        elif "+" in head or len(words) > 1:
            continue  # a verb after other words ("WIRE_+TAP"): the parse does not give it as one verb
        else:
            lemma = head.lower()
        if not lemma.isalpha():
            continue
        verbs.setdefault(lemma, []).append([len(blocks) - 1, own, particle])
        blocks[-1].setdefault("verbs", set()).add(lemma)
    for b in blocks:
        etype, mode = plover_of(b["code"])
        b["type"], b["mode"] = etype, mode
        _own_verbs(b)
        b["patterns"] = _dedupe(b["patterns"])
    return {
        "about": "Converted by newsgraph.events.petrarch from PETRARCH2's CAMEO.2.0.txt (MIT, see "
                 "PETRARCH-LICENSE.txt). Pattern: [obj heads, prep, prep-object heads, cameo, type, mode, verbs it is for (empty: all the block's)].",
        "blocks": blocks,
        "verbs": {k: verbs[k] for k in sorted(verbs)},
    }


def write_verbs(data: dict, path: Path) -> None:
    import json

    # one block / verb per line: compact, and still readable and diffable
    lines = ["{", f' "about": {json.dumps(data["about"])},', ' "blocks": [']
    lines += [" " + json.dumps(b, separators=(",", ":")) + ("," if i < len(data["blocks"]) - 1 else "")
              for i, b in enumerate(data["blocks"])]
    lines += [" ],", ' "verbs": {']
    items = list(data["verbs"].items())
    lines += [f" {json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}" + ("," if i < len(items) - 1 else "")
              for i, (k, v) in enumerate(items)]
    lines += [" }", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("petrarch_dir", type=Path, help="the folder with PETRARCH2's dictionaries")
    ap.add_argument("-o", "--out", type=Path, default=DATA, help="output folder (default: the package data)")
    args = ap.parse_args(argv)
    text = convert_discards(args.petrarch_dir / "Phoenix.discards.txt")
    (args.out / "discards.tsv").write_text(text, encoding="utf-8")
    print(f"wrote {args.out / 'discards.tsv'} ({text.count(chr(10)) - 3} phrases)")
    verbs = convert_verbs(args.petrarch_dir / "CAMEO.2.0.txt")
    write_verbs(verbs, args.out / "cameo_verbs.json")
    n = sum(len(b["patterns"]) for b in verbs["blocks"])
    print(f"wrote {args.out / 'cameo_verbs.json'} ({len(verbs['verbs'])} verbs, {len(verbs['blocks'])} blocks, {n} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
