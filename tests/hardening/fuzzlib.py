"""Shared by the hardening tests and ``benchmarks/fuzz_inputs.py``: adversarial input
generators (seeded ``random.Random``, no hypothesis needed), the evidence-offset checker
and a per-document time budget enforced with ``SIGALRM``.

Everything here is generated; no article text is copied from anywhere.
"""

from __future__ import annotations

import gzip
import json
import random
import signal
import threading
import zlib
from contextlib import contextmanager

# ----------------------------------------------------------------- the evidence rule

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u201f", "\u00ab", "\u00bb",
               "\u2039", "\u203a", "\u300c", "\u300d", "\u300e", "\u300f", "``", "''", "\u201a", "\uff02"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
            "\u200b", "\u200d", "\ufeff", "\u00ad", "\r", "\r\n", "\t", "\u00a0", "\u3000"]
BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e"]
SCRIPTS = ["\u0645\u0648\u0633\u0643\u0648 \u0642\u0627\u0644\u062a", "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
           "\u041f\u0443\u0442\u0438\u043d \u0441\u043a\u0430\u0437\u0430\u043b", "\u4e60\u8fd1\u5e73\u8bf4",
           "\u0928\u092e\u0938\u094d\u0924\u0947", "e\u0301\u0301\u0301", "\U0001f600\U0001f1f0\U0001f1ff",
           "\u0130stanbul", "\u00df\u1e9e", "\ufb01nance", "\u2126\u212b", "A\u030a", "\U00010348\U0001d11e"]
WORDS = ("the minister said talks on the border would resume on Monday while troops from Russia and "
         "Kazakhstan met in Geneva and President Tokayev told reporters that the government will not "
         "accept any threat he added according to officials protesters accused police attacked sanctioned "
         "signed agreed arrested killed condemned visited will meet did not attack Ukraine Kyiv Moscow "
         "Almaty 12 March 2025 yesterday next week").split()
NAMES = ["Vladimir Putin", "Kassym-Jomart Tokayev", "the minister", "He", "she", "Emmanuel Macron",
         "a spokesman for the Kremlin", "NATO", "the European Union", "Sadyr Japarov"]
CUES = ["said", "told reporters", "added", "warned", "according to", "claimed", "insisted", "says"]


def check_result(result) -> list[str]:
    """Every offset pair of an ``AnalyzedArticle`` slices ``article.text`` to its own text.
    Returns the violations (empty when all is well)."""
    text = result.article.text
    bad: list[str] = []

    def span(where: str, s, e, want) -> None:
        if s is None and e is None:
            return
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
            bad.append(f"{where}: bad range {s}:{e} (len {len(text)})")
        elif want is not None and text[s:e] != want:
            bad.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {want!r}")

    def actor(where: str, a) -> None:
        if a is not None and (a.start is not None or a.end is not None):
            span(where, a.start, a.end, a.text)

    for i, e in enumerate(result.entities):
        span(f"entity {i}", e.start, e.end, e.text)
        actor(f"entity {i} actor", e.actor)
        if e.place is not None and e.place.start is not None:
            span(f"entity {i} place", e.place.start, e.place.end, e.place.text)
    for i, a in enumerate(result.actors):
        actor(f"actor {i}", a)
    for i, p in enumerate(result.places):
        if p.start is not None:
            span(f"place {i}", p.start, p.end, p.text)
    for i, q in enumerate(result.quotes):
        span(f"quote {i}", q.start, q.end, q.content)
        if q.cue:
            span(f"quote {i} cue", q.cue.start, q.cue.end, q.cue.text)
        if q.speaker:
            span(f"quote {i} speaker", q.speaker.start, q.speaker.end, q.speaker.mention)
            actor(f"quote {i} speaker actor", q.speaker.actor)
        if q.sentence:
            span(f"quote {i} sentence", q.sentence.start, q.sentence.end, None)
    for i, ev in enumerate(result.events):
        span(f"event {i} trigger", ev.trigger.start, ev.trigger.end, ev.trigger.text)
        span(f"event {i} sentence", ev.sentence.start, ev.sentence.end, None)
        for role in ("source", "target"):
            for j, a in enumerate(getattr(ev, role)):
                actor(f"event {i} {role} {j}", a)
        if ev.location is not None and ev.location.start is not None:
            span(f"event {i} location", ev.location.start, ev.location.end, ev.location.text)
        if ev.claimed_by is not None:
            span(f"event {i} claimed_by", ev.claimed_by.start, ev.claimed_by.end, ev.claimed_by.mention)
    try:
        json.dumps(result.to_dict())
    except (TypeError, ValueError) as exc:
        bad.append(f"to_dict is not JSON: {exc}")
    return bad


# ----------------------------------------------------------------- time budget

class Overtime(Exception):
    pass


@contextmanager
def budget(seconds: float):
    """Raise ``Overtime`` in the main thread when the block runs past ``seconds``
    (a hang becomes a failure, not a stuck test). Elsewhere it only measures."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(signum, frame):
        raise Overtime(f"over the budget of {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ----------------------------------------------------------------- generators

def sentence(rng: random.Random, n: int | None = None) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n or rng.randint(3, 14))).capitalize() + rng.choice(".!?;,")


def quote_text(rng: random.Random) -> str:
    """Prose with every quote-mark pattern: paired, curly, guillemets, unbalanced, nested."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        form = rng.randrange(9)
        o, c = rng.choice([('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"),
                           ("\u201e", "\u201c"), ("\u2039", "\u203a"), ("'", "'"), ("``", "''"),
                           ("\u300c", "\u300d"), ("\u00bb", "\u00ab")])
        s = sentence(rng)
        if form == 0:
            parts.append(f"{o}{s}{c} {rng.choice(NAMES)} {rng.choice(CUES)}.")
        elif form == 1:
            parts.append(f"{rng.choice(NAMES)} {rng.choice(CUES)}: {o}{s}{c}")
        elif form == 2:  # broken by the cue
            parts.append(f"{o}{s[:-1]},{c} {rng.choice(CUES)} {rng.choice(NAMES)}. {o}{sentence(rng)}{c}")
        elif form == 3:  # nested
            o2, c2 = rng.choice([("'", "'"), ("\u2018", "\u2019"), ("\u2039", "\u203a"), ('"', '"')])
            parts.append(f"{o}{s[:-1]} {o2}{sentence(rng)}{c2} too.{c} {rng.choice(CUES)} {rng.choice(NAMES)}.")
        elif form == 4:  # unbalanced opener
            parts.append(f"{rng.choice(NAMES)} {rng.choice(CUES)} {o}{s}")
        elif form == 5:  # stray closers and marks
            parts.append("".join(rng.choice(QUOTE_MARKS) + rng.choice(WORDS) for _ in range(rng.randint(1, 12))))
        elif form == 6:  # a quote over paragraphs (continued-quote convention)
            parts.append(f"{o}{s}\n\n{o}{sentence(rng)}{c} {rng.choice(NAMES)} {rng.choice(CUES)}.")
        elif form == 7:  # empty and whitespace quotes
            parts.append(f"{o}{c} {rng.choice(CUES)} {rng.choice(NAMES)}. {o} {c}{o}{c}")
        else:
            parts.append(sentence(rng))
    return " ".join(parts)


def noisy_text(rng: random.Random) -> str:
    """Quotes mixed with control characters, bidi marks, mixed scripts, odd spaces."""
    base = list(quote_text(rng))
    for _ in range(rng.randint(1, 12)):
        pool = rng.choice([CONTROLS, BIDI, SCRIPTS, QUOTE_MARKS])
        base.insert(rng.randint(0, len(base)), rng.choice(pool))
    return "".join(base)


def giant_line(rng: random.Random, size: int = 60_000) -> str:
    """One long line: a run of one character, of quote marks, or of words without a stop."""
    kind = rng.randrange(5)
    if kind == 0:
        return rng.choice("a\"'\u201c.-") * size
    if kind == 1:
        return "".join(rng.choice(QUOTE_MARKS) for _ in range(size // 4))
    if kind == 2:
        return "\u201c" + " ".join(rng.choice(WORDS) for _ in range(size // 6)) + " said Putin"
    if kind == 3:
        return ("Putin said " * (size // 11))
    return "".join(rng.choice(SCRIPTS + BIDI) for _ in range(size // 8))


def adversarial_text(rng: random.Random) -> str:
    k = rng.randrange(10)
    if k < 4:
        return quote_text(rng)
    if k < 8:
        return noisy_text(rng)
    if k == 8:
        return giant_line(rng, rng.choice([5_000, 30_000]))
    return "".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff), rng.randint(0x10000, 0x1f9ff)]))
                   for _ in range(rng.randint(1, 400)))


def adversarial_html(rng: random.Random) -> bytes:
    body = "".join(f"<p>{quote_text(rng)}</p>" for _ in range(rng.randint(1, 6)))
    k = rng.randrange(9)
    if k == 0:  # deeply nested
        depth = rng.choice([300, 3_000, 20_000])
        tag = rng.choice(["div", "span", "b", "table", "p"])
        html = f"<html><body>{('<' + tag + '>') * depth}{body}"
        html += ("</" + tag + ">") * (depth if rng.random() < 0.5 else 0) + "</body></html>"
    elif k == 1:  # unclosed and misnested tags, stray brackets
        html = "<html><body><p><b><i>" + body.replace("</p>", "<div></b>") + "<<<>>></i></p></html"
    elif k == 2:  # script/style/comment traps
        html = (f"<html><head><script>var s='</p><p>';</script><style>p{{}}</style></head><body><!-- {body} "
                f"--><article>{body}</article><!-- unterminated")
    elif k == 3:  # entities and odd characters
        html = ("<html><body><article>" + body.replace(" ", " &nbsp; &#8220;&#x201D;&amp;&lt;&#0;&#xD800; ")
                + "</article></body></html>")
    elif k == 4:  # declared charset lies
        return (b"<html><head><meta charset='shift_jis'></head><body><p>" + body.encode("utf-16-le")
                + b"\xff\xfe\x00</p></body></html>")
    elif k == 5:  # many attributes / huge attribute / cdata / processing instructions
        html = (f"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY a 'aaaa'>]><html><body "
                f"{' '.join(f'a{i}={i}' for i in range(2000))} data-x='{'x' * 50_000}'><![CDATA[{body}]]>"
                f"<article>{body}</article></body></html>")
    elif k == 6:  # JSON-LD and metadata junk
        html = ("<html><head><script type='application/ld+json'>{\"articleBody\": [1,{},null], \"datePublished\":"
                f" \"99999-99-99\", \"author\": {{\"name\": [\"a\", {{}}]}}}}</script><meta property='article:published_time'"
                f" content='not a date'><link rel=canonical href='javascript:alert(1)'></head><body>{body}</body></html>")
    elif k == 7:  # noise text wrapped in markup
        html = f"<html><body><article><p>{noisy_text(rng)}</p><p>{giant_line(rng, 20_000)}</p></article></body></html>"
    else:
        html = f"<!doctype html><html><head><title>{sentence(rng)}</title></head><body><article>{body}</article></body></html>"
    enc = rng.choice(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1", "gb18030"])
    return html.encode(enc, errors="replace")


def adversarial_jsonl(rng: random.Random) -> bytes:
    """Mostly JSON Lines records, some broken: bad JSON, wrong types, lone surrogates, nulls."""
    lines = []
    for i in range(rng.randint(1, 8)):
        k = rng.randrange(12)
        rec = {"id": f"r{i}", "text": quote_text(rng), "published": "2025-01-02"}
        if k == 0:
            lines.append(json.dumps(rec)[: rng.randint(1, 40)])  # truncated JSON
        elif k == 1:
            lines.append(json.dumps([rec]))
        elif k == 2:
            rec["text"] = rng.choice([None, 5, [], {"a": 1}, "", "   "])
            lines.append(json.dumps(rec))
        elif k == 3:
            lines.append('{"text": "bad \\ud800 surrogate", "id": "s%d"}' % i)
        elif k == 4:
            rec.update(authors=rng.choice([5, {"x": 1}, [1, None], "One Author"]), published=rng.choice([5, "32/13/2025", "9999-99-99", "x"]),
                       title=rng.choice([["t"], {"t": 1}, 3.5, "\x00"]), url=7, language=rng.choice([5, "ZZZ", "en-GB", ""]))
            lines.append(json.dumps(rec))
        elif k == 5:
            lines.append("\x00\x01 garbage \xff")
        elif k == 6:
            lines.append(json.dumps({"text": "x" * 100_000 + " said Putin."}))
        elif k == 7:
            lines.append("[" * 50_000)  # nested arrays: RecursionError in json
        elif k == 8:
            rec["id"] = rng.choice([None, 0, "", "a" * 5000, {"x": 1}, "\u202e\u0000"])
            lines.append(json.dumps(rec))
        elif k == 9:
            lines.append(json.dumps(rec, ensure_ascii=False))
        else:
            rec["text"] = noisy_text(rng)
            lines.append(json.dumps(rec))
    data = ("\n".join(lines) + rng.choice(["", "\n", "\r\n"])).encode("utf-8", errors="surrogatepass")
    return data


def corrupt_gzip(rng: random.Random, payload: bytes) -> bytes:
    """A gzip stream truncated, bit-flipped, with junk appended, or concatenated."""
    z = gzip.compress(payload)
    k = rng.randrange(5)
    if k == 0:
        return z[: rng.randint(1, max(1, len(z) - 1))]
    if k == 1:
        b = bytearray(z)
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(10, len(b)) if len(b) > 10 else 0
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if k == 2:
        return z + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    if k == 3:
        return z + z[: len(z) // 2]
    return b"\x1f\x8b" + bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))


def gzip_bomb(decompressed: int = 200 * 1024 * 1024) -> bytes:
    """A small gzip file that expands to ``decompressed`` bytes of zeros/spaces."""
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    parts = [co.compress(chunk) for _ in range(decompressed // len(chunk))]
    parts.append(co.flush())
    return b"".join(parts)


def warc_bytes(rng: random.Random, path, pages: int = 3) -> None:
    """A small WARC (maybe gzipped per record) at ``path``, then damaged at random."""
    from newsgraph.readers.warc import write_warc

    write_warc(path, ({"url": f"https://news.example/{i}",
                       "body": f"<html><body><article><p>{quote_text(rng)}</p></article></body></html>"}
                      for i in range(pages)))
    data = path.read_bytes()
    k = rng.randrange(6)
    if k == 0:
        data = data[: rng.randint(1, len(data) - 1)]
    elif k == 1:
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    elif k == 2:
        data = data.replace(b"Content-Length: ", b"Content-Length: 9", 1)
    elif k == 3:
        data = data + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\nHTTP/1.1 200"
    elif k == 4:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3000)))
    path.write_bytes(data)


def adversarial_feed(rng: random.Random, items: int = 2000) -> bytes:
    """An RSS/Atom document: huge, malformed, with entity expansion, or odd links."""
    k = rng.randrange(5)
    if k == 0:
        body = "".join(f"<item><title>{sentence(rng)}</title><link>http://x.test/{i}</link></item>" for i in range(items))
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()
    if k == 1:  # billion laughs
        ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{"&a%d;" % (i - 1) * 10}">' for i in range(1, 10))
        return (f'<?xml version="1.0"?><!DOCTYPE rss [{ents}]><rss version="2.0"><channel><title>&a9;</title>'
                "<item><title>&a9;</title><link>http://x.test/1</link></item></channel></rss>").encode()
    if k == 2:  # truncated
        body = "".join(f"<entry><title>{sentence(rng)}</title><link href='http://x.test/{i}'/></entry>" for i in range(50))
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{body}</feed>'.encode()
        return doc[: rng.randint(10, len(doc))]
    if k == 3:  # odd links and dates
        return ('<?xml version="1.0"?><rss version="2.0"><channel>'
                + "".join(f"<item><link>{rng.choice(['', 'javascript:x', 'file:///etc/passwd', ' ', 'http://', chr(0x202e)])}</link>"
                          f"<pubDate>{rng.choice(['', 'Mon, 99 Foo 2025', '2025-13-45', 'x' * 500])}</pubDate></item>"
                          for _ in range(30)) + "</channel></rss>").encode()
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000)))
