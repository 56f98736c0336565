"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
