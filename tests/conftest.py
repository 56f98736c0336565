import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "2022-01-10-kazakhstan-crisis-lessons.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir):
    if not SEED.is_file():
        pytest.skip("seed article missing")
    return SEED
