"""References: citations of legal and administrative documents by their number.

``Kết luận số 4819-TB/TU ngày 21 tháng 02 năm 2020 của Ban Thường vụ Thành ủy`` gives one
:class:`Reference` (type ``Kết luận``, number ``4819``, symbol ``TB/TU``, its date and issuer).
Types, their spellings and abbreviations, and the words that end an issuer are data in
``rules/references.yaml``. A mention without a number (``Nghị quyết Đại hội XIII``) and a count
(``3 Chỉ thị``) are not references; nor is the document's own number in its header (that is
``documents.doc_no``), while a later mention of it in the body ("ban hành kèm theo Quyết định số ...")
is a citation like any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from .. import rules
from ..records import Document, Reference

SCHEMA = {
    "types": [{"name": str, "words": [str], "abbr": [str]}],
    "named_types": [str],
    "bare_types": [str],
    "number_word": [str],
    "bare_number_stop": [str],
    "issuer_stop": [str],
    "issuer_name_parts": [str],
}

# The number and its code, shared by every citation pattern.
#   number: "4819", "05", "30c"
#   year:   "/2017" in "54/2017/QH14"
#   symbol: "TB/TU", "KH-UBND", "QH14", "CV/TNBT", "SNV-CCHC&VTLT", "CT-TTg"
# A symbol starts with a capital letter; its parts are joined by "-" or "/" (or the hyphen-like
# chars PDF text layers produce). Every repetition is bounded, so matching stays linear.
HYPHENS = "\\-\u2010\u2011\u2013\u00ad\ufffe"
#   "66.7/2025/NQ-CP": a dotted number, only when a code follows it
#   "39 / 2008/TT-BTC", "19/NQ- HĐND": spaces a text layer leaves around "/" and after "-"
#   "1470-CV/Th.U", "CV/H.U": a dotted abbreviation inside a part of the symbol
#   "44-⏎CT/TU", "31/KH-⏎UBND": a symbol the layout broke at a line end (a space or a newline after
#   the separator); after the number's own separator only a symbol of capitals with a second part
#   may follow a break, so "Chỉ thị 05 - Kết quả" keeps no symbol
SEP = r"[/" + HYPHENS + r"]"
PART = r"[\p{L}\d&]{0,14}(?:\.\p{Lu}[\p{L}\d&]{0,6})?"
# a later part of the symbol: glued on, or after a space or a line break when it is a code in capitals
# ("NQ- HĐND", "KH-⏎UBND", "QĐ- TTg"; not "...UBND- Trong năm", the next line's first word)
BROKEN = r"(?:\p{Lu}{2}[\p{Lu}\d&]{0,13}\p{Ll}{0,2}|\p{Lu}[\p{Lu}\d&]{0,14})(?![\p{L}\d])"
NEXT = SEP + r"(?:[ \n]" + BROKEN + r"|(?:\p{Lu}|\p{L}|\d)" + PART + r")"
CODE = (
    r"(?P<no>\d{1,6}(?:\.\d{1,3}(?=[ ]?/))?[a-z]?)(?!\d|\.\d)"
    r"(?:[ ]?/[ ]?(?P<year>(?:19|20)\d\d)(?![\d]))?"
    r"(?:[ ]?" + SEP + r"(?:(?P<symbol>\p{Lu}" + PART + r"(?:" + NEXT + r"){0,4})"
    r"|[ \n](?P<symbol>\p{Lu}[\p{Lu}\d&]{0,14}(?:\.\p{Lu}[\p{L}\d&]{0,6})?(?:" + NEXT + r"){1,4})))?"
)
# A date printed right after the citation: "ngày 21 tháng 02 năm 2020", "ngày 21/8/2025".
DATE = regex.compile(
    r"[ \t]{0,3},?[ \t]{0,3}\(?(?:ngày|Ngày)[ \t]{1,3}"
    r"(?:(?P<d>\d{1,2})[ \t]{1,3}tháng[ \t]{1,3}(?P<m>\d{1,2})[ \t]{1,3}năm[ \t]{1,3}(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})[ \t]?[/.\-][ \t]?(?P<m2>\d{1,2})[ \t]?[/.\-][ \t]?(?P<y2>\d{4}))"
)


@dataclass(frozen=True)
class Patterns:
    main: regex.Pattern[str]
    named: regex.Pattern[str]
    more: regex.Pattern[str]
    shared: regex.Pattern[str]
    issuer: regex.Pattern[str]
    canonical: dict[str, str]
    stop_after_bare: regex.Pattern[str]
    any_type: regex.Pattern[str]
    bare_types: frozenset[str]


HEADER_CHARS = 1_000  # the header block (issuer, number, date, type, title) fits in this many chars


def run(doc: Document) -> None:
    pats = patterns()
    own = _own_key(doc)
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in pats.main.finditer(doc.text):
        ref = _from_match(doc.text, m, pats)
        if ref is None:
            continue
        found.append(ref)
        taken.append((ref.char_start, ref.char_end))
        shared = _shared_code(doc.text, ref, pats) if ref.ref_symbol is None and ref.ref_year is None else []
        found.extend(shared)
        found.extend(_continuations(doc.text, shared[-1] if shared else ref, pats))
    for m in pats.named.finditer(doc.text):
        if any(s <= m.start("no") < e for s, e in taken):
            continue
        ref = _from_match(doc.text, m, pats)
        if ref is None or not (ref.ref_symbol or ref.ref_year):
            continue
        if pats.any_type.search(doc.text, m.end("type"), m.start("so")):
            continue  # "Kế hoạch thực hiện Chỉ thị của ... số 5/CT-TTg": the number is the other document's
        found.append(ref)
    found.sort(key=lambda r: r.char_start)
    for ref in found:
        in_header = ref.char_start < HEADER_CHARS
        if in_header and own and (ref.ref_no.lstrip("0"), _sym_key(ref.ref_symbol)) == own:
            continue  # the number in the header is documents.doc_no; a body mention of it is a citation
        doc.references.append(ref)


@cache
def patterns() -> Patterns:
    data = rules.load("references.yaml", SCHEMA)
    canonical: dict[str, str] = {}
    for t in data["types"]:
        for w in t["words"]:
            canonical[w.casefold()] = t["name"]
        for a in t["abbr"]:
            canonical[a] = t["name"]
    words = rules.words_pattern([w for t in data["types"] for w in t["words"]])
    abbrs = rules.words_pattern([a for t in data["types"] for a in t["abbr"]])
    so = rules.words_pattern(data["number_word"])
    # "Nghị quyết số 54/2017/QH14", "Chỉ thị 23-CT/TU", "văn bản số: 2021/UBND-DA", "các Quyết định: số 12/..."
    main = (
        r"(?<![\p{L}\d])(?:(?P<type>(?i:" + words + r"))|(?P<abbr>" + abbrs + r"))"
        r"(?:(?:[ \t]{0,2}:)?[ \t]{1,3}(?P<so>" + so + r")[ \t]?:?)?[ \t]{0,3}" + CODE
    )
    # "Luật Tổ chức chính quyền địa phương số 72/2025/QH15": the name stands before "số".
    named = (
        r"(?<![\p{L}\d])(?P<type>" + rules.words_pattern(data["named_types"]) + r")"
        r"(?:[ \t][\p{L},\-]{1,20}){1,12}?[ \t](?P<so>" + so + r")[ \t]{1,3}" + CODE
    )
    # List continuations after a citation: ", số 770/QĐ-NHNN", " và 2284/QĐ-UBND".
    more = r"(?:[ \t]?[,;][ \t]?|[ \t]{1,3}và[ \t]{1,3})(?:(?P<so>" + so + r")[ \t]{1,3})?" + CODE
    # Numbers listed before the one code they share: "các Quyết định số 12, 15 và 20/QĐ-UBND".
    shared = r"(?P<list>(?:[ \t]?,[ \t]?\d{1,6}(?![\d/.]|[ ]?/)){0,10})(?:[ \t]?,[ \t]?|[ \t]{1,3}và[ \t]{1,3})" + CODE
    stops = sorted(data["issuer_stop"], key=len, reverse=True)
    # "Sở Khoa học và Công nghệ": a stop word inside an agency's name does not end the issuer
    keep = rules.words_pattern(data["issuer_name_parts"])
    issuer = (
        r"[ \t]{0,3},?[ \t]{0,3}của[ \t]{1,3}(?P<issuer>\p{Lu}[^\n,;:.()“”\"]{0,120}?)"
        r"(?=[ \t]{1,3}(?!(?:" + keep + r")(?![\p{L}]))"
        r"(?:" + "|".join(regex.escape(s) for s in stops) + r"|ngày)(?![\p{L}])"
        r"|[ \t]{0,3}[,;.()“”\"\n]|[ \t]{0,3}$)"
    )
    stop_after_bare = r"[ \t]{0,3}(?:" + rules.words_pattern(data["bare_number_stop"]) + r")(?![\p{L}])"
    return Patterns(
        main=regex.compile(main),
        named=regex.compile(named),
        more=regex.compile(more),
        shared=regex.compile(shared),
        issuer=regex.compile(issuer),
        canonical=canonical,
        stop_after_bare=regex.compile(stop_after_bare),
        any_type=regex.compile(r"(?<![\p{L}])(?i:" + words + r")(?![\p{L}])"),
        bare_types=frozenset(data["bare_types"]),
    )


def _from_match(text: str, m: regex.Match[str], pats: Patterns) -> Reference | None:
    typ = m.group("type")
    abbr = m.groupdict().get("abbr")
    symbol = m.group("symbol")
    has_code = bool(symbol or m.group("year"))
    if abbr and not has_code:
        return None  # "CT 5" is too weak without a code
    if not m.group("no").strip("0."):
        return None  # "Văn bản 0" is a table cell, no document has number 0
    if not m.group("so") and not has_code:
        # a bare "Chỉ thị 05" needs a capitalised type that is cited that way ("Văn bản 82" is a table's
        # unit and count), one space before the number (a tab separates table cells) and no time/count
        # word after it
        if not typ or not typ[0].isupper() or pats.canonical.get(typ.casefold()) not in pats.bare_types:
            return None
        if "\t" in text[m.end("type") : m.start("no")] or pats.stop_after_bare.match(text, m.end()):
            return None
        if m.group("no").isdigit() and len(m.group("no")) == 4 and m.group("no").startswith(("19", "20")):
            return None  # "Kế hoạch 2021" names a year
    name = pats.canonical[abbr] if abbr else pats.canonical.get(typ.casefold(), typ)
    return _make(text, m.start(), m.end(), m, name, pats)


def _make(text: str, start: int, end: int, m: regex.Match[str], name: str, pats: Patterns) -> Reference:
    year = m.group("year")
    ref = Reference(
        char_start=start,
        char_end=end,
        raw=text[start:end],
        ref_type=name,
        ref_no=m.group("no"),
        ref_year=int(year) if year else None,
        ref_symbol=_clean_symbol(m.group("symbol")),
    )
    pos = end
    d = DATE.match(text, pos)
    if d:
        ref.ref_date = _date(d)
        pos = d.end()
    iss = pats.issuer.match(text, pos)
    if iss:
        # a footnote mark glued to the issuer ("Quốc hội1") is not part of it
        ref.ref_issuer = iss.group("issuer").strip().rstrip("0123456789") or None
    return ref


def _continuations(text: str, first: Reference, pats: Patterns) -> list[Reference]:
    """Further numbers of the same type listed after a citation; each needs its own code."""
    out: list[Reference] = []
    pos = first.char_end
    d = DATE.match(text, pos)
    while len(out) < 20:
        if d:
            pos = d.end()
        m = pats.more.match(text, pos)
        if not m or not m.group("symbol"):
            # "văn bản số 2687/VPCP-KTN ngày ... của Văn phòng Chính phủ, số 1312/TTg-KTN": the type
            # carries over an issuer too, when "số" says a number follows
            iss = pats.issuer.match(text, pos)
            m = pats.more.match(text, iss.end()) if iss else None
            if not m or not m.group("symbol") or not m.group("so"):
                break
        ref = _make(text, m.start("no"), m.end(), m, first.ref_type, pats)
        out.append(ref)
        pos = ref.char_end
        d = DATE.match(text, pos)
    return out


def _shared_code(text: str, first: Reference, pats: Patterns) -> list[Reference]:
    """ "Quyết định số 12, 15 và 20/QĐ-UBND": every listed number takes the code printed after the last.

    The first citation is completed in place; the other numbers become citations of the same type.
    """
    m = pats.shared.match(text, first.char_end)
    if not m or not m.group("symbol"):
        return []
    year = int(m.group("year")) if m.group("year") else None
    symbol = _clean_symbol(m.group("symbol"))
    first.ref_year, first.ref_symbol = year, symbol
    out = []
    for n in regex.finditer(r"\d{1,6}", m.group("list")):
        start = m.start("list") + n.start()
        out.append(
            Reference(
                char_start=start,
                char_end=start + len(n.group()),
                raw=n.group(),
                ref_type=first.ref_type,
                ref_no=n.group(),
                ref_year=year,
                ref_symbol=symbol,
            )
        )
    out.append(_make(text, m.start("no"), m.end(), m, first.ref_type, pats))
    return out


def _date(d: regex.Match[str]) -> dt.date | None:
    day, month, year = d.group("d") or d.group("d2"), d.group("m") or d.group("m2"), d.group("y") or d.group("y2")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _clean_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    return regex.sub("[" + HYPHENS + "]", "-", regex.sub(r"\s", "", symbol))


def _sym_key(symbol: str | None) -> str:
    return regex.sub(r"\s+", "", symbol or "").upper()


def _own_key(doc: Document) -> tuple[str, str] | None:
    meta = doc.metadata
    if not meta.doc_no or not meta.doc_symbol:
        return None
    return meta.doc_no.lstrip("0"), _sym_key(meta.doc_symbol)
