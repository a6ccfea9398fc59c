"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) detected in a source text and converted to Unicode.

Text typed in a ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) font reaches us as Latin-1 look-alikes:
"Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3), "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" (VNI).
The mapping tables are data: ``rules/legacy_encodings.yaml``.

Detection counts *bad words*: words holding a character that is not a Vietnamese letter, or
non-ASCII words that are no Vietnamese syllable. Legacy text is full of them and converting
removes most of them; Unicode Vietnamese and English have next to none, so they are left alone.
The encoding that removes the most wins, and only lines that conversion improves are converted
(a Unicode header stamped onto a TCVN3 body stays as it is).

A text file in legacy bytes that ``text.py`` decoded as Windows-1258 (and composed to NFC) is
first turned back into its bytes, so the same tables apply.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

import regex

from .. import rules
from ..records import Box, SourceText

SCHEMA = {"encodings": {str: {"fonts": [str], "pdf_glyphs?": {str: str}, "map": {str: str}}}}

MIN_BAD_WORDS = 3  # fewer stray symbols than this never make a legacy document
MIN_BAD_SHARE = 0.02  # ... nor do bad words under 2% of all words (a "µm" or "½" in a Unicode text)
MAX_BAD_LEFT = 0.5  # conversion must remove at least half of the bad words
COMBINING = regex.compile(r"\p{M}")
SAMPLE_CHARS = 100_000  # detection looks at this much of the non-ASCII text
MAX_MARKS = 4  # combining marks looked at after one letter (legacy text has at most two)
LEGACY_DECODED = {"windows-1258", "cp1258"}  # text.py's name for the legacy code page it fell back to

# A word: letters plus the Latin-1 symbols that TCVN3 uses as letters ("µ" à, "¸" á, "«" ô, "×" ì ...)
WORD = regex.compile(r"[\p{L}\p{M}\u00a1-\u00bf\u00d7\u00f7\u2212\u2219]{1,60}")
VIET_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "bcdghklmnpqrstvx" + "fjwz"  # ASCII letters all count: foreign words and abbreviations are not bad
)
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# The vowel groups of Vietnamese syllables (tone marks removed), longest first.
NUCLEI = (
    "iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|oao|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
# One syllable without its tone mark: onset, vowel group, coda. E.g. "nghiêng", "quốc", "đường".
SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?(?:" + NUCLEI + r")(?:ch|ng|nh|[cmnpt])?"
)
# Letters only Unicode Vietnamese has (none of them is Latin-1): legacy text read as Latin-1 has none.
UNICODE_VIET = regex.compile(r"[\w]{0,30}[ăĂđĐơƠưƯ\u1ea0-\u1ef9\u0129\u0169\u0128\u0168][\w]{0,30}")


@dataclass(frozen=True)
class Table:
    name: str
    mapping: dict[str, str]
    pattern: regex.Pattern  # every legacy sequence, longest first
    pdf_glyphs: dict[str, str]


def repair(source: SourceText) -> str | None:
    """Convert ``source`` in place if it is TCVN3 or VNI; return the encoding's name, else None."""
    text = source.text
    if text.isascii():
        return None
    legacy_decoded = (source.encoding or "").lower() in LEGACY_DECODED
    name = detect(text, _surface(text)[0] if legacy_decoded else text)
    if name is None:
        return None
    table = _tables()[name]
    track = source.char_pages is not None or source.char_boxes is not None
    parts: list[str] = []
    origin: list[list[int]] = []
    pos = 0
    for line in text.split("\n"):
        if pos:
            parts.append("\n")
            if track:
                origin.append([pos - 1])
        converted = _convert_line(line, pos, table, legacy_decoded, track)
        if converted is None:
            parts.append(line)
            if track:
                origin.extend([i] for i in range(pos, pos + len(line)))
        else:
            parts.append(converted[0])
            if track:
                origin.extend(converted[1])
        pos += len(line) + 1
    _apply(source, "".join(parts), origin if track else None)
    return name


def detect(text: str, surface: str | None = None) -> str | None:
    """The legacy encoding ``text`` is written in, or None.

    ``surface`` is the text as Latin-1 look-alikes when it differs (a Windows-1258 decoded file).
    """
    surface = _sample(text if surface is None else surface)
    text = _sample(text)
    before = _bad_words(text)
    n_words = max(1, sum(1 for _ in WORD.finditer(text)))
    if before < MIN_BAD_WORDS or before < MIN_BAD_SHARE * n_words or not _legacy_dominated(before, surface):
        return None
    best: tuple[int, int, str] | None = None
    for name, table in _tables().items():
        converted = convert(surface, table, track=False)[0]
        after = _bad_words(converted)
        # fewest bad words left; on a tie, the most Vietnamese syllables made
        key = (after, -_viet_words(converted), name)
        if after <= MAX_BAD_LEFT * before and (best is None or key < best):
            best = key
    return best[2] if best else None


def _sample(text: str) -> str:
    """The non-ASCII lines, up to SAMPLE_CHARS: enough to decide, and fast on huge texts."""
    if len(text) <= SAMPLE_CHARS:
        return text
    picked: list[str] = []
    size = 0
    for line in text.split("\n"):
        if not line.isascii():
            picked.append(line[:SAMPLE_CHARS])
            size += len(picked[-1])
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(picked)


def _legacy_dominated(bad: int, surface: str) -> bool:
    """More bad words than words with Unicode-only Vietnamese letters: not a Unicode text with stray symbols."""
    return bad > 2 * sum(1 for _ in UNICODE_VIET.finditer(surface))


def _viet_words(text: str) -> int:
    return sum(1 for m in WORD.finditer(text) if not m.group().isascii() and not _is_bad(m.group()))


def convert(text: str, table: Table, track: bool = True) -> tuple[str, list[list[int]] | None]:
    """Map legacy sequences to Unicode (longest first), NFC; each output char lists its input chars.

    ``track=False`` skips the char lists (for texts without pages or boxes): much faster.
    """
    text = _restore_pdf_glyphs(text, table)
    mapping = table.mapping
    if not track:  # no char map to keep: let the regex engine do the work
        out = table.pattern.sub(lambda m: mapping[m.group()], text)
        return (unicodedata.normalize("NFC", out) if COMBINING.search(out) else out), None
    parts: list[str] = []
    src: list[list[int]] = []
    last = 0
    for m in table.pattern.finditer(text):
        start, end = m.span()
        if start > last:
            parts.append(text[last:start])
            src.extend([k] for k in range(last, start))
        parts.append(mapping[m.group()])
        src.append(list(range(start, end)))
        last = end
    parts.append(text[last:])
    src.extend([k] for k in range(last, len(text)))
    out = "".join(parts)
    if not COMBINING.search(text):
        return out, src  # the table's outputs are single NFC chars: nothing to compose
    return _nfc(list(out), src)


def _convert_line(
    line: str, pos: int, table: Table, legacy_decoded: bool, track: bool
) -> tuple[str, list[list[int]]] | None:
    """The converted line (and each char's source indices in the whole text) if conversion improves it."""
    if not line or line.isascii():
        return None
    before = _bad_words(line)
    if not before:
        return None  # nothing wrong with it: a Unicode line in a mixed document
    surface, surface_origin = _surface(line) if legacy_decoded else (line, None)
    if not _legacy_dominated(before, surface):
        return None
    converted, src = convert(surface, table, track)
    if _bad_words(converted) >= before:
        return None
    if src is None:
        return converted, []
    if surface_origin is not None:
        src = [sorted({surface_origin[k] for k in group}) for group in src]
    return converted, [[pos + k for k in group] for group in src]


def _surface(text: str) -> tuple[str, list[int]]:
    """Undo Windows-1258 decoding and NFC: the legacy bytes, read as Latin-1, and their text indices."""
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and j - i <= MAX_MARKS and unicodedata.combining(text[j]):
            j += 1
        raw = _cp1258_bytes(text[i:j])
        chunk = raw.decode("latin-1") if raw is not None else text[i:j]
        out.append(chunk)
        origin.extend([i] * len(chunk))
        i = j
    return "".join(out), origin


@lru_cache(maxsize=4096)
def _cp1258_bytes(cluster: str) -> bytes | None:
    """The Windows-1258 bytes that decode and compose to ``cluster`` (a letter and its marks).

    NFC composed the letter with the tone byte after it and may have reordered the marks
    ("ñ" + dot below became "ṇ" + tilde); the split whose letter has its own byte wins,
    preferring the letter that keeps the most marks ("à" is 0xE0, "ò" is "o" + 0xCC).
    """
    try:
        return cluster.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", cluster)
    base, marks = decomposed[0], decomposed[1:]
    for k in range(len(marks), -1, -1):
        for kept in combinations(range(len(marks)), k):
            head = unicodedata.normalize("NFC", base + "".join(marks[m] for m in kept))
            rest = "".join(marks[m] for m in range(len(marks)) if m not in kept)
            try:
                return head.encode("cp1258") + rest.encode("cp1258")
            except UnicodeEncodeError:
                continue
    return None


def _restore_pdf_glyphs(text: str, table: Table) -> str:
    """PDF extraction's stand-ins for legacy letters ("n−íc"), only where a letter stands beside them."""
    if not table.pdf_glyphs or not any(g in text for g in table.pdf_glyphs):
        return text
    chars = list(text)
    for i, c in enumerate(text):
        if c in table.pdf_glyphs:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before.isalpha() or after.isalpha():
                chars[i] = table.pdf_glyphs[c]
    return "".join(chars)


def _nfc(chars: list[str], src: list[list[int]]) -> tuple[str, list[list[int]]]:
    """NFC, merging the sources of chars that compose (a base and its combining marks)."""
    out: list[str] = []
    out_src: list[list[int]] = []
    i = 0
    while i < len(chars):
        j = i + 1
        while j < len(chars) and chars[j] and unicodedata.combining(chars[j][0]):
            j += 1
        group = unicodedata.normalize("NFC", "".join(chars[i:j]))
        sources = sorted({k for g in src[i:j] for k in g})
        for c in group:
            out.append(c)
            out_src.append(sources)
        i = j
    return "".join(out), out_src


def _bad_words(text: str) -> int:
    return sum(1 for m in WORD.finditer(text) if _is_bad(m.group()))


@lru_cache(maxsize=65536)
def _is_bad(word: str) -> bool:
    """A word no Unicode Vietnamese (or foreign ASCII) text would hold."""
    if word.isascii():
        return False
    lower = word.lower()
    if any(c not in VIET_LETTERS for c in lower):
        return True
    decomposed = unicodedata.normalize("NFD", lower)
    if sum(1 for c in decomposed if c in TONES) > 1:
        return True
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    return SYLLABLE.fullmatch(base) is None


def _apply(source: SourceText, text: str, origin: list[list[int]] | None) -> None:
    """Set the new text; page and box lists follow it (first page, union of the boxes)."""
    pages, boxes = source.char_pages, source.char_boxes
    source.text = text
    if origin is None:
        return
    if pages is not None:
        source.char_pages = [pages[o[0]] for o in origin]
    if boxes is not None:
        source.char_boxes = [_union([boxes[k] for k in o]) for o in origin]


def _union(boxes: list[Box | None]) -> Box | None:
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    if len(real) == 1:
        return real[0]
    return (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))


def _pattern(mapping: dict[str, str]) -> regex.Pattern:
    """One alternative per first char of a pair (e.g. "a[øùûõï]"), then a class of the single chars."""
    seconds: dict[str, list[str]] = {}
    for key in mapping:
        if len(key) == 2:
            seconds.setdefault(key[0], []).append(key[1])
    alts = [regex.escape(first) + "[" + "".join(map(regex.escape, rest)) + "]" for first, rest in seconds.items()]
    singles = [regex.escape(k) for k in mapping if len(k) == 1]
    if singles:
        alts.append("[" + "".join(singles) + "]")
    return regex.compile("|".join(alts))


@cache
def _tables() -> dict[str, Table]:
    data = rules.load("legacy_encodings.yaml", SCHEMA)
    tables = {}
    for name, spec in data["encodings"].items():
        mapping = spec["map"]
        tables[name] = Table(
            name=name,
            mapping=mapping,
            pattern=_pattern(mapping),
            pdf_glyphs=spec.get("pdf_glyphs", {}),
        )
    return tables


def encode(text: str, name: str) -> str:
    """Unicode -> legacy look-alikes (the inverse table); for tests and fixtures. Unmappable chars stay."""
    table = _tables()[name]
    inverse = {v: k for k, v in table.mapping.items()}
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text))
