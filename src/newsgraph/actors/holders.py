"""Office holders: who held an office of a country on the article's date.

A mixin of :class:`newsgraph.actors.ActorResolver`: the dictionary index's dated offices
(``offices.yaml``, ``leaders.yaml`` and the Phoenix office holders) give a person's country,
sector and title on the article date (``published``, else today), and "the Russian president"
the person who held that office then.
"""

from __future__ import annotations

import datetime as _dt

from ..model import Actor
from .dictionary import Entry, combined_code as _code, fold


def _today() -> str:
    return _dt.date.today().isoformat()


class OfficeHolderMixin:
    """Needs ``self.index`` and ``self.published``."""

    def _date(self) -> str:
        return self.published or _today()

    def holder(self, country: str, office: str, date: str | None = None) -> tuple[str, dict] | None:
        """``(name, office table)`` of who held ``office`` ("head_of_state", "paramount",
        or an office word such as "president") of ``country`` on ``date``."""
        tables = self.index.holders.get(country) or {}
        if not tables:
            return None
        date = date or self._date()
        key = self._office_key(country, office)
        if key is None or key not in tables:
            return None
        for name, start, end in tables[key]["holders"]:
            if str(start) <= date and (end is None or date < str(end)):
                return name, tables[key]
        return None

    def _office_key(self, country: str, office: str) -> str | None:
        tables = self.index.holders.get(country) or {}
        word = fold(office).replace("-", " ")
        for key, t in tables.items():  # the title itself: "chancellor", "prime minister", "emperor"
            if fold(t["title"]).replace("-", " ") == word:
                return key
        mapped = None
        for _f, e in self.index.keys.get(tuple(word.split()), []):
            if e.kind == "office":
                mapped = e.office
        if mapped == "paramount":
            return self.index.paramount.get(country)
        if word == "president":  # a president who is not head of state (Iran)
            for key, t in tables.items():
                if fold(t["title"]).startswith("president"):
                    return key
        return mapped if mapped in tables else None

    def _person_actor(self, e: Entry, text: str, start: int, end: int) -> Actor:
        date = self._date()
        office = None
        if e.offices:
            current = [o for o in e.offices if o.start <= date and (o.end is None or date < o.end)]
            office = current[0] if current else None
            if office is None:
                past = [o for o in e.offices if o.start <= date] or e.offices
                ref = max(past, key=lambda o: o.start)
                country, sector, title = ref.country, "ELI", None
            else:
                country, sector, title = office.country, office.sector or e.sector or "GOV", office.title or None
        else:
            country, sector, title = e.country, e.sector, None
        code = _code(country, sector)
        return Actor(text=text, code=code, country=country, sector=sector, name=e.name, kind="person", id=e.id,
                     start=start, end=end, title=title)

    def _pick_person(self, entries: list[Entry]) -> Entry:
        if len(entries) == 1:
            return entries[0]
        date = self._date()

        def dist(e: Entry) -> tuple:
            best = 10**9
            for o in e.offices:
                if o.start <= date and (o.end is None or date < o.end):
                    return (0, 0)
                best = min(best, abs(_days(o.start, date)), abs(_days(o.end or date, date)))
            return (1, best)

        return min(entries, key=dist)


def _days(a: str, b: str) -> int:
    try:
        return (_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days
    except ValueError:
        return 10**6
