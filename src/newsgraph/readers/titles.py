"""The headline of an HTML page, without the site's name or section around it.

A page names its headline in several places: the ``<h1>`` the reader sees,
``og:title``, ``twitter:title``, the JSON-LD ``headline`` and ``<title>``. The
metadata copies often carry the site or section ("… | CNN", "… - Autoblog",
"Opinion | …"), and pages often have several ``<h1>`` (logo, menus, sign-in
boxes). The rule:

1. the site's names are collected from the page (``og:site_name``,
   ``application-name``, the JSON-LD publisher, the host name);
2. each metadata title loses, at either end, segments set off by a separator
   (``|``, ``-``, ``–``, ``—``, ``::``, ``»``, ``·``, and ``:`` before the site
   name) that are the site's name or a section label (``data/title_sections.txt``,
   or a short phrase ending in "News");
3. the headline is the first ``<h1>`` that agrees with one of those titles (same
   words, or most of its words in it) and is not the site's name; the ``<h1>``
   is what the page shows, so its wording and its own separators are kept;
4. with no agreeing ``<h1>``, a single headline-classed ``<h1>`` (class or
   itemprop ``headline``/``title``/``hed``) sharing a word with the URL's path
   or the titles is taken; otherwise the first cleaned metadata title
   (``og:title``, JSON-LD ``headline``, ``twitter:title``, ``<title>``), or
   trafilatura's title where it is that title less one separated end (a site
   name the page does not declare).
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from newsgraph.readers.pagemeta import json_ld, meta_tags

_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·|/)\s+")
_COLON = re.compile(r"\s*:\s+")
_STOP = frozenset(
    "the a an and or of to in on at for with by from as is are was be it its this that de la le el".split()
)
_HEADLINE_CLASS = re.compile(r"headline|(?:^|[-_\s])(?:title|hed)(?:$|[-_\s])", re.I)


@lru_cache(maxsize=1)
def section_labels() -> frozenset[str]:
    """Section labels that may stand before or after a headline (one a line, case-insensitive)."""
    raw = resources.files("newsgraph.readers").joinpath("data/title_sections.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def _clean(value: str | None) -> str:
    if not value:
        return ""
    value = html_lib.unescape(value)
    return " ".join(value.replace("\u00a0", " ").split())


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.casefold())).replace("_", "")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if len(w) > 1 and w not in _STOP]


def _host_core(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition", "hosted")]
    if len(parts) >= 2:
        parts = parts[:-1]  # the top-level domain
        if len(parts) >= 2 and parts[-1] in ("co", "com", "org", "net", "ac", "gov"):
            parts = parts[:-1]
    return parts[-1] if parts else ""


def is_site_name(segment: str, sites: list[str], host: str) -> bool:
    seg = _squash(segment)
    if not seg:
        return False
    for site in sites:
        s = _squash(site)
        if not s:
            continue
        if seg == s or (len(seg) >= 5 and s.startswith(seg)):
            return True
        # "Moneycontrol.com" for "Moneycontrol", "Auto News" for "AutoIndustriya" is not: the
        # longer of the two may add only a few letters (a domain, "the", "news")
        if len(seg) >= 4 and (seg in s or s in seg) and abs(len(seg) - len(s)) <= 8:
            return True
    if len(host) >= 3 and (host in seg or (len(seg) >= 4 and seg in host)) and len(seg) <= len(host) + 8:
        return True
    return False


def _exact_site(segment: str, sites: list[str], host: str) -> bool:
    seg = _squash(segment)
    return bool(seg) and (seg == host or any(seg == _squash(s) for s in sites))


def _is_section(segment: str) -> bool:
    folded = " ".join(segment.casefold().split())
    if folded in section_labels():
        return True
    words = folded.split()
    return 1 <= len(words) <= 3 and words[-1] == "news"


def strip_affixes(title: str, sites: list[str], host: str) -> str:
    """``title`` without site names and section labels at its start or end."""
    title = _clean(title)
    for site in sorted({_clean(s) for s in sites if s}, key=len, reverse=True):
        for sep in (" | ", " - ", " – ", " — ", " :: ", " » ", " · "):
            if title.endswith(sep + site) and len(title) > len(sep + site):
                title = title[: -len(sep + site)]
    changed = True
    while changed:
        changed = False
        parts = _SEPARATOR.split(title)
        seps = _SEPARATOR.findall(title)
        if len(parts) < 2:
            break
        last, first = parts[-1], parts[0]
        if is_site_name(last, sites, host) or _is_section(last):
            title = title[: len(title) - len(last) - len(seps[-1])]
            changed = True
        elif is_site_name(first, sites, host) or _is_section(first):
            title = title[len(first) + len(seps[0]) :]
            changed = True
    m = _COLON.search(title)
    if m and m.start() > 0 and _exact_site(title[: m.start()], sites, host) and len(title) > m.end():
        title = title[m.end() :]
    return title.strip()


def _agrees(h1: str, titles: list[str]) -> bool:
    key = _squash(h1)
    words = _words(h1)
    for title in titles:
        if key and key == _squash(title):
            return True
        tw = set(_words(title))
        if words and tw and len(words) >= 2:
            shared = sum(1 for w in words if w in tw) / len(words)
            if shared >= 0.6 and len(set(words) & tw) >= 2:
                return True
    return False


def page_title(tree: Any, *, fallback: str | None = None, url: str | None = None,
               site: str | None = None) -> str | None:
    """The page's headline (see the module's doc). ``fallback`` is another title
    (trafilatura's), ``url`` the page's URL, ``site`` a site name found elsewhere."""
    meta = meta_tags(tree)
    ld = [obj for obj, _top in json_ld(tree)]
    sites = [meta.get("og:site_name", ""), meta.get("application-name", ""),
             meta.get("apple-mobile-web-app-title", ""), site or ""]
    for obj in ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            sites.append(publisher["name"])
    sites = [_clean(s) for s in sites if s and _clean(s)]
    host = _host_core(url or meta.get("og:url"))

    raw_titles: list[str] = [meta.get("og:title", "")]
    raw_titles += [o["headline"] for o in ld if isinstance(o.get("headline"), str)]
    raw_titles += [meta.get("twitter:title", "")]
    title_el = tree.find(".//title")
    raw_titles += [title_el.text_content() if title_el is not None else ""]
    titles = [t for t in (strip_affixes(r, sites, host) for r in raw_titles if _clean(r)) if t]
    if not titles and fallback and strip_affixes(fallback, sites, host):
        titles = [strip_affixes(fallback, sites, host)]

    h1s = []
    for element in tree.iter("h1"):
        text = _clean(element.text_content())
        if text and not is_site_name(text, sites, host):
            h1s.append((element, text))
    for _element, text in h1s:
        if _agrees(text, titles):
            return text
    slug_words = set(_words(urlsplit(url).path.replace("-", " ").replace("_", " "))) if url else set()
    title_words = {w for t in titles for w in _words(t)}
    classed = [
        (el, text) for el, text in h1s
        if _HEADLINE_CLASS.search(" ".join([el.get("class") or "", el.get("itemprop") or ""]))
        and len(text.split()) >= 3
    ]
    if len(classed) == 1:
        text = classed[0][1]
        if set(_words(text)) & (slug_words | title_words):
            return text
    if not titles:
        return None
    best = titles[0]
    # a site name the page does not declare: trafilatura's title is the same minus one
    # separator-delimited end ("Rent rules protested - Northfield Notes")
    short = _clean(fallback)
    if short and short != best and len(short.split()) >= 3:
        for sep in _SEPARATOR.findall(best):
            if best.startswith(short + sep) or best.endswith(sep + short):
                return short
    return best
