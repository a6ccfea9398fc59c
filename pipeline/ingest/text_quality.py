"""Quality of a text layer: is it Vietnamese a reader can use, or mangled OCR?

Scanned PDFs often carry an invisible OCR layer made by some other program; without Vietnamese
training it comes out as ``CONG HOA xA HQI`` or ``S6: 463Y SGDDT``. Two shares tell it apart from
typed text: how many word tokens are valid Vietnamese syllables (onset + rhyme, whatever the tone),
and how many of them carry a diacritic. Thresholds are in ``rules/ocr.yaml`` (``quality``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from .. import rules

SCHEMA_QUALITY = {"min_valid": float, "min_diacritics": float, "min_tokens": int, "max_cid_share": float}

TOKEN = regex.compile(r"\p{L}++")
CID = regex.compile(r"\(cid:\d{1,6}\)")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
# A syllable, tone marks removed: onset, rhyme (medial, vowel nucleus, coda). Written out from the
# spelling rules; it accepts some non-words, which is fine: it has to reject mangled OCR, not spell-check.
SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:[ou](?=[aăâeêơy]))?"
    r"(?:iêu|yêu|ươu|uôi|ươi|oai|oay|oeo|uây|uyê|uya|uyu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|yê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|ưa|ưi|ươ|ưu|uy|"
    r"[aăâeêioôơuưy])"
    r"(?:ngh|ng|nh|ch|[cmnpt])?+"
)


@dataclass(frozen=True)
class Quality:
    tokens: int
    valid: float  # share of word tokens that are Vietnamese syllables
    diacritics: float  # share of the valid ones with a Vietnamese diacritic
    cid: float  # share of "(cid:N)" glyph names among tokens

    def good(self, limits: dict | None = None) -> bool:
        q = limits or quality_rules()
        if self.cid > q["max_cid_share"]:
            return False
        if self.tokens < q["min_tokens"]:
            return True  # too little to judge: the caller decides on other grounds
        return self.valid >= q["min_valid"] and self.diacritics >= q["min_diacritics"]


def quality_rules() -> dict:
    return rules.load("ocr.yaml", OCR_SCHEMA)["quality"]


def is_syllable(word: str) -> bool:
    base = strip_tone(word.lower())
    return bool(SYLLABLE.fullmatch(base))


def strip_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))


def has_diacritic(word: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word)) or "đ" in word.lower()


def cid_share(text: str, limit: int = 4000) -> float:
    """``measure(text).cid`` without judging syllables: cheap, and 0 at once for the usual page without cids."""
    if not CID.search(text[:200_000]):
        return 0.0
    return measure(text, limit).cid


def measure(text: str, limit: int = 4000) -> Quality:
    """The shares over the first ``limit`` word tokens of ``text`` (enough to decide, and fast)."""
    cids = len(CID.findall(text[:200_000]))
    text = CID.sub(" ", text)
    tokens = [m.group() for m, _ in zip(TOKEN.finditer(text), range(limit), strict=False)]
    words = [t for t in tokens if len(t) > 1 or t.lower() in "aàáảãạ"]  # single letters say nothing
    if not words:
        return Quality(0, 0.0, 0.0, 1.0 if cids else 0.0)
    valid = [w for w in words if is_syllable(w)]
    marked = sum(has_diacritic(w) for w in valid)
    return Quality(
        tokens=len(words),
        valid=len(valid) / len(words),
        diacritics=marked / len(valid) if valid else 0.0,
        cid=cids / (cids + len(words)),
    )


OCR_SCHEMA = {
    "quality": SCHEMA_QUALITY,
    "page": {"image_cover": float, "min_letters": int},
    "render": {"min_dpi": float, "max_dpi": float, "default_dpi": float, "max_pixels": int},
    "image": {"min_width": int},
    "engine": {
        "lang": str,
        "psm": int,
        "reorient_below": float,
        "osd_min_confidence": float,
        "second_reading_zone": float,
        "speck_confidence": float,
    },
    "header_min_confidence": float,
    "figure_min_confidence": float,
    "repairs": [{"name": str, "why": str, "pattern": str, "replace?": str, "map?": {str: str}, "example": [str]}],
}
