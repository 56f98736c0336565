"""Fixtures for the API and dashboard tests.

* ``small_store``: a database built by hand from model records (exact expectations,
  no NLP), including a hostile article full of HTML/script payloads;
* ``demo_db``: the demo corpus (examples/corpus) through the real pipeline, plus the
  hostile article, built once per session (for smoke and browser tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from api_records import XSS, all_small, hostile_article  # noqa: E402,F401
from newsgraph.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"

@pytest.fixture
def small_store(tmp_path):
    store = open_store(tmp_path / "small.db")
    store.write(all_small())
    yield store
    store.close()


@pytest.fixture
def client(small_store):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(small_store, token="")) as c:
        yield c


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo corpus through the real pipeline (NLP when available), plus the hostile article."""
    from newsgraph.pipeline import ingest

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path)
    try:
        summary = ingest([str(CORPUS)], store)
        nlp = True
    except Exception:  # the NLP stages or the model are unavailable: text only
        summary = ingest([str(CORPUS)], store, nlp=False)
        nlp = False
    assert summary.inserted >= 20
    store.write([hostile_article()])
    store.close()
    return {"path": path, "nlp": nlp}


@pytest.fixture(scope="session")
def xss_db(tmp_path_factory):
    """The XSS corpus (tests/api/xss_corpus.py): hostile .txt/.html/.jsonl files through the real
    pipeline (NLP when available) plus hand-built records with a payload in every stored string."""
    from xss_corpus import build_db

    root = tmp_path_factory.mktemp("xss")
    return build_db(root / "xss.db", root / "inputs")
