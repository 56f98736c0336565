"""The faster language identification and MinHash signatures give exactly the results of
py3langid and datasketch."""

import random

import numpy as np
import pytest

from scale_helpers import edited, story_text


def _texts() -> list[str]:
    rnd = random.Random(5)
    out = [story_text(i) for i in range(40)] + [edited(story_text(i), i) for i in range(20)]
    out += ["Привет мир, как дела сегодня у вас? Это короткий текст на русском языке.",
            "東京は日本の首都です。人口は多く、経済の中心でもあります。",
            "Bonjour tout le monde, comment ça va aujourd'hui ? Le gouvernement a annoncé des mesures.",
            "Die Regierung hat heute neue Maßnahmen angekündigt, sagte der Minister in Berlin.",
            "ALL CAPS HEADLINE ABOUT THE SUMMIT", "Too short.", "x", "", "12345 67890 ....",
            "Ελληνικά κείμενα για δοκιμή της αναγνώρισης γλώσσας.", "مرحبا بالعالم، هذا نص عربي قصير"]
    out += ["".join(chr(rnd.randrange(32, 0x3000)) for _ in range(rnd.randrange(1, 400))) for _ in range(60)]
    out += [" ".join(f"w{rnd.randrange(60)}" for _ in range(rnd.randrange(1, 2500))) for _ in range(30)]
    return out


def test_language_scores_are_py3langid_s():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from newsgraph.language import _identifier, detect_language

    fast = _identifier()
    assert type(fast).__name__ == "FastIdentifier"  # the known model: the fast path is on
    stock = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    for t in _texts():
        if t:
            assert (fast._decide(t) == stock._decide(t)).all(), t[:40]
            assert fast.classify(t) == stock.classify(t)
    assert detect_language(story_text(3)) == "en" and detect_language("short") is None


def test_language_automaton_depth():
    """A state depends only on the last _DEPTH bytes: no state is more than _DEPTH steps from the root."""
    from newsgraph.language import _DEPTH, _identifier

    fast = _identifier()
    nm, rb = fast._nm, fast._rb
    depth = np.full(len(rb), -1)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        nxt = np.unique(np.concatenate([nm[(rb[frontier[i:i + 2048]][:, None] + np.arange(256)).ravel()]
                                        for i in range(0, len(frontier), 2048)]).astype(np.int64))
        frontier = nxt[depth[nxt] < 0]
        depth[frontier] = level
    assert (depth >= 0).all() and depth.max() <= _DEPTH


def test_signatures_are_datasketch_s():
    pytest.importorskip("datasketch")
    from datasketch import MinHash, MinHashLSH

    from newsgraph import dedup

    texts = _texts()
    got = dedup.signatures(texts)
    for t, hv in zip(texts, got):
        sh = dedup.shingle_hashes(t)
        if not len(sh):
            assert hv is None
            continue
        m = MinHash(num_perm=128, seed=dedup.SEED, hashfunc=int, scheme="affine32")
        m.update_batch(sh.tolist())
        assert hv.dtype == np.uint32 and (hv == m.hashvalues).all()
        assert (dedup.signature(t).hashvalues == m.hashvalues).all()
        assert dedup._bucket_keys_many(hv[None, :], dedup.Params())[0].tolist() == dedup._bucket_keys(
            hv, dedup.Params())
    assert (dedup._permutations(128) == MinHash(num_perm=128, seed=1, scheme="affine32").permutations).all()
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert dedup._bands(dedup.THRESHOLD, dedup.NUM_PERM) == (lsh.b, lsh.r)


def test_shingle_hashes_are_the_documented_ones():
    """crc32 per word, FNV-style 5-gram combination, folded to 32 bits (as stored before)."""
    import zlib

    from newsgraph import dedup
    from newsgraph.model import normalise_for_hash

    t = story_text(9)
    words = dedup._WORD.findall(normalise_for_hash(t))
    w = np.array([zlib.crc32(x.encode()) for x in words], dtype=np.uint64)
    n = len(words) - 4
    h = np.zeros(n, dtype=np.uint64)
    for j in range(5):
        h = (h ^ w[j:j + n]) * dedup._FNV_PRIME
    h ^= h >> np.uint64(29)
    want = np.unique(((h >> np.uint64(32)) ^ (h & np.uint64(0xFFFFFFFF))).astype(np.uint32))
    assert (dedup.shingle_hashes(t) == want).all()


def test_language_detection_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    from newsgraph.language import _identifier

    texts = [t for t in _texts() if t] * 3
    want = [_identifier().classify(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(_identifier().classify, texts)) == want
