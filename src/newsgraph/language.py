"""Language identification with py3langid (its model ships inside the package).

``detect_language`` gives exactly py3langid's answer with about 2–2.5× less CPU on a
1,300-character article (it was a third of ``--no-nlp`` ingest time):

* py3langid walks its byte automaton one byte at a time in Python. The automaton
  (Aho-Corasick over byte n-grams) is in a state that depends only on the last
  ``_DEPTH`` bytes (its deepest state is 6 bytes from the start), so the state after
  every byte is found with a few vectorised numpy look-ups over the whole text (a
  table for the first two bytes of each window, then one look-up per byte);
  the features are then counted (``ufunc.at`` into per-thread scratch arrays, no sort) in
  the order py3langid's ``Counter`` would list them.
* The naive-Bayes table is stored as float16; each scoring cast the rows it used to
  float32 (most of the time of a scoring). Rows are cast once, when first used, into
  a float32 copy that fills lazily (untouched rows cost no memory).

Both steps produce bit-identical scores (the tests compare with py3langid on texts
in many scripts and random bytes). Only the model shipped with py3langid 0.4.0 is
sped up (checked by its shape); any other model is used as py3langid does it.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

SAMPLE_CHARS = 4000
_DEPTH = 6  # the automaton's deepest state: bytes of context that decide a state
_MODEL_SHAPE = (104583, 9816576, 100053)  # states, transitions, features of the known model
_NEVER = np.iinfo(np.int64).max


def _fast_class():
    from py3langid.langid import LanguageIdentifier

    class FastIdentifier(LanguageIdentifier):
        """py3langid's identifier with a vectorised automaton walk and cached float32 rows."""

        def _prepare(self) -> bool:
            shape = (len(self._rowbase), len(self.tk_nextmove), self.nb_ptc.shape[0])
            if shape != _MODEL_SHAPE:
                return False
            nm = self.tk_nextmove
            self._nm = np.frombuffer(nm, dtype=np.uint32) if getattr(nm, "itemsize", 0) == 4 else np.asarray(nm)
            self._rb = np.asarray(self._rowbase, dtype=np.int64)
            self._out = np.asarray(self.tk_output, dtype=np.int64)
            t1 = self._nm[self._rb[0] + np.arange(256)]  # one byte from the root
            self._t2 = self._nm[self._rb[t1][:, None] + np.arange(256)].astype(np.int64).ravel()  # two bytes
            self._rows32 = np.empty(self.nb_ptc.shape, dtype=np.float32)  # pages touched lazily
            self._cast = np.zeros(self.nb_ptc.shape[0], dtype=bool)
            self._local = threading.local()
            return True

        def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
            """Per-thread arrays over the features: first position seen, and count (kept clean)."""
            local = self._local
            if not hasattr(local, "pos"):
                local.pos = np.full(self.nb_ptc.shape[0], _NEVER, dtype=np.int64)
                local.count = np.zeros(self.nb_ptc.shape[0], dtype=np.int64)
            return local.pos, local.count

        def _raw_score(self, text):
            n = len(text)
            head = min(n, _DEPTH - 1)  # the first bytes: walked one by one, as py3langid does
            nm, rowbase, s, first = self.tk_nextmove, self._rowbase, 0, []
            for i in range(head):
                s = nm[rowbase[s] + text[i]]
                first.append(s)
            state = np.empty(n, dtype=np.int64)
            state[:head] = first
            if n > head:  # state[i] = walk from the root over b[i-5 … i]: two bytes by table, then four
                b = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
                m = n - head
                s = self._t2[b[:m] * 256 + b[1:m + 1]]
                for k in range(2, _DEPTH):
                    s = self._nm[self._rb[s] + b[k:k + m]]
                state[head:] = s
            feats = self._out[state]
            feats = feats[feats >= 0]
            if not len(feats):
                return super()._raw_score(b"")
            # distinct features in order of first occurrence (py3langid's Counter order), and counts
            pos, count = self._scratch()
            at = np.arange(len(feats), dtype=np.int64)
            try:
                np.minimum.at(pos, feats, at)
                idx = feats[pos[feats] == at]
                np.add.at(count, feats, 1)
                counts = count[idx].astype(np.float32)
            finally:
                pos[feats] = _NEVER
                count[feats] = 0
            new = idx[~self._cast[idx]]
            if len(new):
                self._rows32[new] = self.nb_ptc[new]
                self._cast[new] = True
            return np.log1p(counts) @ self._rows32[idx] + self.nb_pc

    return FastIdentifier


def _tables(path):
    """py3langid's model tables ``(ptc, pc, classes, nextmove, row, output)``, kept uncompressed
    in the cache folder (``newsgraph.cache``, memory-mapped): decompressing the LZMA model took
    about 0.4 s of every start. Same values; ``nextmove`` is a numpy array, not an ``array``."""
    from array import array

    from py3langid.langid import _load_model_file

    from .cache import cached_arrays, version_of

    def build() -> dict:
        ptc, pc, classes, nextmove, row, output = _load_model_file(path)
        return {"ptc": ptc, "pc": pc, "classes": np.array(classes), "output": np.asarray(output, dtype=np.int64),
                "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
                "row": np.frombuffer(row, dtype=f"u{row.itemsize}")}

    t = cached_arrays("langid-model", build, sources=[path], extra=[f"py3langid={version_of('py3langid')}"])
    row = array({2: "H", 4: "I", 8: "L"}[t["row"].dtype.itemsize], t["row"].tobytes())
    return t["ptc"], t["pc"], t["classes"].tolist(), t["nextmove"], row, t["output"].tolist()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        ptc, pc, classes, nextmove, row, output = _tables(MODEL_DIR / MODEL_FILE)
        ident = _fast_class()(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)
        if ident._prepare():
            return ident
    except (AttributeError, ImportError, KeyError, TypeError, ValueError):  # another py3langid: use it as it is
        pass
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
