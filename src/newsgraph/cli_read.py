"""CLI commands that read the database: ``stats``, ``articles``, ``quotes``, ``events``, ``actors``,
``actor``. Registered on the main Typer app by ``cli.py`` (``register(app)``).

They read through the same read layer as the API and the dashboard (``newsgraph.store.read``):
the same filters under the same names (``--q`` is the API's ``q``, ``--source-country`` its
``source_country``…), with the same meaning and validation (a bad value exits 2 with code E401),
full-text search everywhere, and the same record shape (``--json`` prints the API's ``items``).
``--limit`` may exceed the API's page size (pages are followed); when more records match,
the cursor of the next page is printed on stderr (``--cursor`` continues from it).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import typer

from .cli_options import EXIT_PARTIAL, DbOpt, JsonOpt, LimitOpt, _err, _open, _print_json, _table

CursorOpt = typer.Option(None, "--cursor", help="Continue from the next_cursor printed by an earlier page.")
SinceOpt = typer.Option(None, "--since", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")
UntilOpt = typer.Option(None, "--until", help="Up to this date, inclusive.")


def _read():
    """The read layer, imported on first use (``newsgraph --help`` loads no database code)."""
    from .store import read

    return read


def collect(list_fn: Callable[..., Any], engine, *, limit: int, cursor: str | None = None,
            **filters) -> tuple[list[dict[str, Any]], str | None]:
    """Up to ``limit`` records of a read-layer list, following its pages; and the next cursor."""
    max_limit = _read().MAX_LIMIT
    items: list[dict[str, Any]] = []
    while True:
        page = list_fn(engine, limit=min(max_limit, limit - len(items)), cursor=cursor, **filters)
        items += page.items
        cursor = page.next_cursor
        if cursor is None or len(items) >= limit:
            return items, cursor


WIDER = "try fewer filters or wider dates (--q matches whole words)"


def _show(items: list[dict[str, Any]], cursor: str | None, json_out: bool, columns: list[str],
          widths: dict[str, int] | None = None, hint: str = WIDER) -> None:
    if json_out:
        _print_json(items)
    else:
        _table(items, columns, widths=widths, hint=hint)
    if cursor:
        _err(f"more: --cursor {cursor}")


def register(app: typer.Typer) -> None:
    @app.command()
    def stats(db: str = DbOpt, json_out: bool = JsonOpt) -> None:
        """Counts of articles, entities, actors, quotes and events in a database."""
        get_stats = _read().stats
        s = get_stats(_open(db).engine)
        if json_out:
            _print_json(s)
            return
        typer.echo(f"articles {s['articles']}  entities {s['entities']}  actors {s['actors']}  "
                   f"quotes {s['quotes']}  events {s['events']}")
        typer.echo(f"published {s['published_range'][0]} … {s['published_range'][1]}; languages {s['languages']}")
        if s["quote_kinds"]:
            typer.echo(f"quotes by kind {s['quote_kinds']}")
        if s["event_types"]:
            typer.echo(f"events by type {s['event_types']}")
        if s["top_speakers"]:
            typer.echo("top speakers: " + ", ".join(f"{x['speaker']} ({x['quotes']})" for x in s["top_speakers"]))

    @app.command()
    def articles(db: str = DbOpt,
                 q: Optional[str] = typer.Option(None, "--q", "--search", "-s", help="Full-text query."),
                 since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
                 language: Optional[str] = typer.Option(None, "--language", help="ISO 639 code, e.g. en."),
                 site: Optional[str] = typer.Option(None, "--site", help="Site name as stored."),
                 sort: str = typer.Option("-date", "--sort", help="-date | date | -id | id"),
                 limit: int = LimitOpt, cursor: Optional[str] = CursorOpt, json_out: bool = JsonOpt) -> None:
        """List articles (newest first), or search their full text."""
        list_articles = _read().list_articles
        items, nxt = collect(list_articles, _open(db).engine, limit=limit, cursor=cursor, q=q, since=since,
                             until=until, language=language, site=site, sort=sort)
        _show(items, nxt, json_out, ["key", "published", "title", "quotes", "events"], {"title": 70})

    @app.command()
    def quotes(db: str = DbOpt,
               speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name or mention contains."),
               actor: Optional[str] = typer.Option(None, "--actor", help="Speaker's actor id (exact)."),
               q: Optional[str] = typer.Option(None, "--q", "--search", "-s",
                                               help="Full-text query on quote text and speaker."),
               country: Optional[str] = typer.Option(None, "--country", help="Speaker's country (ISO alpha-3)."),
               kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect, mixed (comma-separated)."),
               article: Optional[str] = typer.Option(None, "--article", help="Article key."),
               about: Optional[str] = typer.Option(None, "--about", help="An actor id named inside the quote."),
               since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
               sort: str = typer.Option("-date", "--sort", help="-date | date | -id | id"),
               limit: int = LimitOpt, cursor: Optional[str] = CursorOpt, json_out: bool = JsonOpt) -> None:
        """Who said what: quotes with speaker, article and date."""
        list_quotes = _read().list_quotes
        items, nxt = collect(list_quotes, _open(db).engine, limit=limit, cursor=cursor, speaker=speaker,
                             actor=actor, q=q, country=country, kind=kind, article=article, about=about,
                             since=since, until=until, sort=sort)
        _show(items, nxt, json_out, ["date", "speaker_name", "kind", "content", "article"], {"content": 70})

    @app.command()
    def events(db: str = DbOpt,
               type: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s), e.g. ASSAULT "  # noqa: A002
                                                  "(comma-separated)."),
               quad_class: Optional[str] = typer.Option(None, "--quad-class", help="1-4 (comma-separated)."),
               cameo: Optional[str] = typer.Option(None, "--cameo", help="CAMEO code prefix."),
               actor: Optional[str] = typer.Option(None, "--actor", help="Actor id as source or target (exact)."),
               actor_name: Optional[str] = typer.Option(None, "--actor-name",
                                                        help="A source or target whose name contains this."),
               source_actor: Optional[str] = typer.Option(None, "--source-actor", help="Source actor id (exact)."),
               target_actor: Optional[str] = typer.Option(None, "--target-actor", help="Target actor id (exact)."),
               country: Optional[str] = typer.Option(None, "--country",
                                                     help="Any actor's country or the location's (ISO alpha-3)."),
               source_country: Optional[str] = typer.Option(None, "--source-country", help="A source actor's country "
                                                            "(ISO alpha-3)."),
               target_country: Optional[str] = typer.Option(None, "--target-country", help="A target actor's country "
                                                            "(ISO alpha-3)."),
               location: Optional[str] = typer.Option(None, "--location", help="Location name contains."),
               geonameid: Optional[int] = typer.Option(None, "--geonameid", help="The location's GeoNames id "
                                                       "(newsgraph's places, /api/v1/places)."),
               has_location: Optional[bool] = typer.Option(None, "--has-location/--no-location",
                                                           help="Only events placed on the map (with a place, "
                                                           "coordinates or a country), or only those without."),
               modality: Optional[str] = typer.Option(None, "--modality", help="asserted, future, hypothetical, "
                                                      "requested (comma-separated)."),
               article: Optional[str] = typer.Option(None, "--article", help="Article key."),
               since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
               include_unasserted: bool = typer.Option(False, "--include-unasserted", "--all",
                                                       help="Include negated, future, hypothetical and "
                                                       "requested events."),
               sort: str = typer.Option("-date", "--sort", help="-date | date | -id | id | -goldstein | goldstein"),
               limit: int = LimitOpt, cursor: Optional[str] = CursorOpt, json_out: bool = JsonOpt) -> None:
        """Who did what to whom: coded events with their evidence."""
        list_events = _read().list_events
        items, nxt = collect(list_events, _open(db).engine, limit=limit, cursor=cursor, type=type,
                             quad_class=quad_class, cameo=cameo, actor=actor, actor_name=actor_name,
                             source_actor=source_actor, target_actor=target_actor, country=country,
                             source_country=source_country, target_country=target_country, location=location,
                             geonameid=geonameid, has_location=has_location, modality=modality, article=article, since=since, until=until,
                             include_unasserted=include_unasserted, sort=sort)
        if not json_out:
            for r in items:
                r["who"] = ", ".join(x.get("name") or x.get("text") or "" for x in r["source"])
                r["whom"] = ", ".join(x.get("name") or x.get("text") or "" for x in r["target"])
        hint = WIDER if include_unasserted or modality else \
            WIDER + "; --include-unasserted adds negated, future, hypothetical and requested events"
        _show(items, nxt, json_out, ["date", "type", "mode", "cameo", "who", "trigger", "whom", "modality",
                                     "evidence"], {"evidence": 60}, hint=hint)

    @app.command()
    def actors(db: str = DbOpt,
               q: Optional[str] = typer.Option(None, "--q", "--search", "-s",
                                               help="Name, id or surface form contains."),
               country: Optional[str] = typer.Option(None, "--country", help="Actor's country (ISO alpha-3)."),
               sector: Optional[str] = typer.Option(None, "--sector", help="CAMEO sector code: GOV, MIL, OPP…"),
               kind: Optional[str] = typer.Option(None, "--kind", help="person, organisation, group…"),
               sort: str = typer.Option("-mentions", "--sort", help="-mentions | mentions | name | -name"),
               limit: int = LimitOpt, cursor: Optional[str] = CursorOpt, json_out: bool = JsonOpt) -> None:
        """Top actors by mentions, filtered by country, sector or kind."""
        list_actors = _read().list_actors
        items, nxt = collect(list_actors, _open(db).engine, limit=limit, cursor=cursor, q=q, country=country,
                             sector=sector, kind=kind, sort=sort)
        _show(items, nxt, json_out, ["name", "code", "country", "sector", "kind", "mentions"])

    @app.command()
    def actor(name: str = typer.Argument(..., help="An actor id, or a name or part of it (the most "
                                         "mentioned match)."), db: str = DbOpt,
              limit: int = typer.Option(5, "--limit", "-n", min=0, max=100, help="Latest quotes and events shown."),
              json_out: bool = JsonOpt) -> None:
        """An actor's profile: aliases, offices, counts, latest quotes and events (the API's
        /api/v1/actors/{id})."""
        read, engine = _read(), _open(db).engine
        p = read.actor_profile(engine, name, limit=limit)  # an exact id first, else the best name match
        if p is None:
            found = read.find_actor(engine, name)
            p = read.actor_profile(engine, found, limit=limit) if found else None
        if p is None:
            _err(f"no actor matching {name!r} (see: newsgraph actors --q WORD)")
            raise typer.Exit(EXIT_PARTIAL)
        if json_out:
            _print_json(p)
            return
        typer.echo(f"{p['name']}  [{p.get('code') or '-'}; {p.get('kind') or '-'}]  id {p['id']}")
        if p.get("country"):
            basis = " (from the article)" if p.get("country_basis") == "article" else ""
            typer.echo(f"country: {p['country']}{basis}")
        typer.echo(f"aliases: {', '.join(x['text'] for x in p['aliases']) or '-'}")
        if p.get("referred_as"):
            typer.echo(f"referred to as: {', '.join(x['text'] for x in p['referred_as'][:10])}")
        typer.echo(f"offices: {', '.join(x['title'] for x in p['offices']) or '-'}")
        typer.echo(f"articles {p['articles']}, quotes {p['quotes']}, events as source {p['events_as_source']}, "
                   f"as target {p['events_as_target']}; seen {p['first_seen'] or '?'} … {p['last_seen'] or '?'}")
        for q in p.get("recent_quotes", []):
            typer.echo(f"  {q['date']}  “{q['content'][:100]}”")
        for e in p.get("recent_events_as_source", []) + p.get("recent_events_as_target", []):
            typer.echo(f"  {e['date'] or e['published'] or '?'}  {e['type']}: {' '.join((e['evidence'] or '').split())[:100]}")
