"""Metadata: the header and the signature block of a document -> ``doc.metadata``.

Header (first lines): issuer, ``Số: 154 /BC-UBND`` (number and symbol), ``<place>, ngày 11 tháng 8
năm 2020``, urgency (``KHẨN``), the type line (``BÁO CÁO``) and the subject line(s) under it, or
``V/v ...`` for a letter. The national motto may stand on the same line as the issuer in PDF text
layers ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); it is cut out before parsing.
Signature block (after ``Nơi nhận``): recipients, the signer's title (``KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC``
-> ``Phó Giám đốc``) and name. Every word list is data in ``rules/documents.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from .. import rules
from ..records import Document, Metadata

SCHEMA = {
    "doc_types": {str: str},
    "symbol_types": {str: str},
    "letter_type": str,
    "subject_prefix": [str],
    "motto": [str],
    "urgency": {str: str},
    "body_starts": [str],
    "signature_prefixes": [str],
    "signer_titles": {str: str},
    "not_name": [str],
    "office_words": [str],
    "title_cut": [str],
    "recipients_label": str,
}

HEAD_LINES = 30  # the header never runs longer than this many paragraphs
TAIL_LINES = 14  # lines searched for a signature when there is no "Nơi nhận"

# "Số: 154 /BC-UBND", "Số: /BC-SNV", "Số 496-TB/TU" (party style), "Số: 04 /TC-UBND"
NUMBER = regex.compile(
    r"(?<![\p{L}])(?:Số|SỐ)[ \t]{0,3}[:.]?[ \t]{0,40}"
    # the number; or what OCR made of a handwritten one ("Z4.", "4l,"): kept apart, never taken as the number
    r"(?:(?P<no>\d{1,6}[a-zA-Z]?)|(?P<junk>(?=[^\s/]{0,5}[\d.,])[^\s/\-–]{1,6}))?[ \t]{0,3}"
    r"[/\-–][ \t]{0,3}(?P<sym>[\p{L}\d&][\p{L}\d&.\-/]{0,40})"
)
# "Thành phố Hồ Chí Minh, ngày 11 tháng 8 năm 2020"; day and month may be left blank. Up to three
# digits are read so that a stamp printed over the line ("tháng 54", "ngày 195") is seen, not cut.
PLACE_DATE = regex.compile(
    r"(?P<place>[^\n,]{0,80}?)[ \t]{0,3},[ \t]{0,3}(?:ngày|Ngày)[ \t]{0,30}(?:"
    r"(?P<d>\d{1,3})?[ \t]{0,30}tháng[ \t]{0,30}(?P<m>\d{1,3})?[ \t]{0,30}năm[ \t]{0,3}(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})[ \t]?[/.\-][ \t]?(?P<m2>\d{1,2})[ \t]?[/.\-][ \t]?(?P<y2>\d{4}))"
)
# Section markers that start the body: "I.", "1.", "2.1.", "a)", "Phần thứ nhất".
SECTION = regex.compile(
    r"(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3})[ \t]{0,2}[.\-–)][ \t]|[a-zđ]\)[ \t]|(?i:phần thứ)\b"
)
PAGE_MARK = regex.compile(r"[-–=\s]{0,10}(?i:trang|page)\s{1,3}\d{1,4}[-–=\s]{0,10}")
PAGE_MARK_GLUED = regex.compile(
    r"[-–=]{2,10}[ \t]{0,3}(?i:trang|page)[ \t]{1,3}\d{1,4}[ \t]{0,3}[-–=]{2,10}"
)  # "--- TRANG 1 ---"
BULLET = regex.compile(r"[ \t]{0,3}[-–—•+*✓▪][ \t]{0,3}")
NAME_TOKEN = regex.compile(r"\p{Lu}\p{Ll}{0,7}|\p{Lu}{1,8}")


@dataclass(frozen=True)
class Rules:
    motto: regex.Pattern[str]
    doc_type: regex.Pattern[str]
    doc_types: dict[str, str]
    symbol_types: dict[str, str]
    letter_type: str
    subject: regex.Pattern[str]
    urgency: regex.Pattern[str]
    urgency_map: dict[str, str]
    body_start: regex.Pattern[str]
    title_cut: regex.Pattern[str]
    sig: regex.Pattern[str]
    titles: dict[str, str]
    not_name: list[regex.Pattern[str]]
    label: regex.Pattern[str]
    cited_type: regex.Pattern[str]  # a document type right before "SỐ": a citation
    office: regex.Pattern[str]  # words opening a body's name: a seal read as the signer's name


@cache
def load_rules() -> Rules:
    data = rules.load("documents.yaml", SCHEMA)

    def loose(phrase: str) -> str:
        # words separated by any spaces, hyphens as any dash: "Độc lập – Tự do – Hạnh phúc"
        parts = [regex.escape(w) for w in phrase.split()]
        return r"[ \t]{0,3}".join(p if p != r"\-" else r"[-–—]" for p in parts).replace("\\-", "[-–—]")

    motto = "|".join(loose(m) for m in sorted(data["motto"], key=len, reverse=True))
    types = rules.words_pattern(list(data["doc_types"]))
    titles = rules.words_pattern(list(data["signer_titles"]))
    prefixes = rules.words_pattern(data["signature_prefixes"])
    return Rules(
        motto=regex.compile(r"(?i:" + motto + r")"),
        doc_type=regex.compile(r"(?P<type>" + types + r")(?![\p{L}])"),
        doc_types={k.upper(): v for k, v in data["doc_types"].items()},
        symbol_types=data["symbol_types"],
        letter_type=data["letter_type"],
        subject=regex.compile(r"(?:" + rules.words_pattern(data["subject_prefix"]) + r")[ \t]{0,3}:?[ \t]{0,3}"),
        urgency=regex.compile(r"(?i:(?P<u>" + rules.words_pattern(list(data["urgency"])) + r"))[ \t.!]{0,3}"),
        urgency_map={k.upper(): v for k, v in data["urgency"].items()},
        body_start=regex.compile(r"(?:" + rules.words_pattern(data["body_starts"]) + r")(?![\p{L}])"),
        title_cut=regex.compile(r"[ \t](?:" + rules.words_pattern(data["title_cut"]) + r")[ \t]"),
        sig=regex.compile(r"(?P<prefix>" + prefixes + r")|(?<![\p{L}])(?P<title>" + titles + r")(?![\p{L}])"),
        titles={k.upper(): v for k, v in data["signer_titles"].items()},
        not_name=[regex.compile(p[3:] if p.startswith("re:") else regex.escape(p)) for p in data["not_name"]],
        label=regex.compile(r"[ \t]{0,3}(?i:" + regex.escape(data["recipients_label"]) + r")[ \t]{0,3}:?"),
        office=regex.compile(r"(?<![\p{L}])(?:" + rules.words_pattern(data["office_words"]) + r")(?![\p{L}])"),
        cited_type=regex.compile(r"(?<![\p{L}])(?i:" + types + r")[ \t]{0,3}$"),
    )


def run(doc: Document) -> None:
    r = load_rules()
    lines = doc.text.split("\n")
    meta = doc.metadata
    # the header is the first document's: a forwarded document's "Số:" line is its own part's
    first_lines = doc.text[: doc.parts[0].char_start].split("\n") if doc.parts else lines
    head = [_clean(line, r) for line in first_lines[:HEAD_LINES]]
    _header(head, meta, r)
    if meta.unreadable_no:
        doc.diagnose(
            "metadata", "warning", "doc_no_unreadable",
            f"the header's number reads {meta.unreadable_no!r} (handwriting or a stamp?): doc_no left null",
        )  # fmt: skip
    if meta.unreadable_date:
        doc.diagnose(
            "metadata", "warning", "issue_date_unreadable",
            f"date line {meta.unreadable_date!r} is no calendar date (a stamp printed over it?): issue_date left null",
        )  # fmt: skip
    # the signature is the first document's: a forwarded document or an appendix after it has its own
    first = doc.text[: doc.parts[0].char_start] if doc.parts else doc.text
    _signature(first.split("\n") if doc.parts else lines, meta, r)
    from . import header_ocr  # imported here: it reads this module's patterns

    header_ocr.run(doc)  # OCR'd headers: a handwritten number or day is left null, not guessed


# ---------------------------------------------------------------- header


def _clean(line: str, r: Rules) -> str:
    """The line without motto phrases and decoration ("---", "*")."""
    line = r.motto.sub(" ", line)
    line = PAGE_MARK_GLUED.sub(" ", line)
    line = regex.sub(r"[-_*=]{3,}|^[ \t]*\*[ \t]*$", " ", line)
    return regex.sub(r"[ \t]{2,}", " ", line).strip()


def _header(head: list[str], meta: Metadata, r: Rules) -> None:
    no_idx, sym_end = _number(head, meta, r)
    date_idx = _place_date(head, meta, no_idx, sym_end)
    if no_idx is not None:
        above: list[str] = []
        for line in reversed(head[:no_idx]):  # the caps block right above "Số:", not a preamble
            if not line or r.urgency.fullmatch(line):
                continue
            if not _mostly_caps(line) or PAGE_MARK.fullmatch(line):
                break  # a page marker ("--- TRANG 1 ---") or a preamble ends the issuer block
            above.insert(0, line)
        before = head[no_idx][: NUMBER.search(head[no_idx]).start()].strip()  # type: ignore[union-attr]
        meta.issuer = " ".join([*above, before]).strip() or None
    anchor = max(i for i in (no_idx, date_idx, -1) if i is not None)
    limit = min(len(head), anchor + 8) if anchor >= 0 else min(len(head), 8)
    for line in head[:limit]:
        u = r.urgency.fullmatch(line)
        if u:
            meta.urgency = r.urgency_map[u.group("u").upper()]
            break
    # the type line or "V/v ..." comes after the number (a letter's subject may precede the date line)
    _type_and_title(head, meta, r, no_idx + 1 if no_idx is not None else anchor + 1, limit)
    if not meta.title:
        _type_and_title(head, meta, r, 0, limit)  # some text layers put the type line first


def _number(head: list[str], meta: Metadata, r: Rules) -> tuple[int | None, int]:
    for i, line in enumerate(head):
        m = NUMBER.search(line)
        before = line[: m.start()] if m else ""
        if not m or (regex.search(r"\p{L}", before) and not _mostly_caps(before)):
            continue  # "Số:" opens the line (specks aside: "9 Số: ...") or follows the issuer printed beside it
        if r.cited_type.search(line[: m.start()]):
            continue  # "... THEO THÔNG BÁO SỐ 496-TB/TU": a heading citing another text, not the header's number
        meta.doc_no = m.group("no")
        meta.unreadable_no = m.group("junk")
        sym, end = _symbol(line, m)
        meta.doc_symbol = sym
        return i, end
    return None, 0


def _symbol(line: str, m: regex.Match[str]) -> tuple[str, int]:
    """The symbol, with fragments split by a text layer's stray spaces put back ("B C-UBND")."""
    sym = m.group("sym").rstrip(".")
    end = m.start("sym") + len(sym)
    rest = line[end:]
    while True:
        frag = regex.match(r"[ \t](?P<f>[\p{Lu}\d&][\p{Lu}\d&\-/]{0,30})(?=[ \t,]|$)", rest)
        if not frag:
            break
        f = frag.group("f")
        glued = len(sym.split("-")[-1].split("/")[-1]) == 1 or sym.endswith(("-", "/")) or f.startswith(("-", "/"))
        if not glued:
            break
        sym += f
        end += frag.end()
        rest = rest[frag.end() :]
    sym = regex.sub(r"\s+", "", sym)
    # the year inside the number ("15/2010/QĐ-UBND") is not part of the symbol, as for references
    return regex.sub(r"^(?:19|20)\d\d[/\-](?=\p{L})", "", sym), end


def _place_date(head: list[str], meta: Metadata, no_idx: int | None, sym_end: int) -> int | None:
    for i, line in enumerate(head):
        text = line[sym_end:] if i == no_idx else line
        m = PLACE_DATE.search(text)
        if not m:
            continue
        place = _place(m.group("place"))
        whole = place is not None and place == m.group("place").strip() and len(place.split()) <= 6
        if not (_header_tail(text[m.end() :]) or whole):
            continue  # a date inside a sentence, not the "<place>, ngày ..." line
        meta.place = place
        y = int(m.group("y") or m.group("y2"))
        d, mo = m.group("d") or m.group("d2"), m.group("m") or m.group("m2")
        precision = "day" if d and mo else "month" if mo else "year"
        try:
            meta.issue_date = dt.date(y, int(mo) if mo else 1, int(d) if d and mo else 1)
            meta.issue_date_precision = precision
        except ValueError:
            # digits of a stamp or signature printed over the date line: no date is built from them
            meta.unreadable_date = m.group().strip()
        return i
    return None


def _header_tail(rest: str) -> bool:
    """A place-date line ends with the date, or with header words in capitals glued after it."""
    rest = rest.strip(" \t.")
    return not rest or _mostly_caps(rest)


def _place(text: str) -> str | None:
    """The place name: the words before ", ngày", back to a code or a word in capitals."""
    kept: list[str] = []
    for tok in reversed(text.split()):
        letters = [c for c in tok if c.isalpha()]
        caps_word = len(letters) >= 2 and all(c.isupper() for c in letters) and not tok.endswith(".")
        if any(c.isdigit() for c in tok) or "/" in tok or ":" in tok or caps_word:
            break
        kept.append(tok)
    return " ".join(reversed(kept)) or None


def _type_and_title(head: list[str], meta: Metadata, r: Rules, start: int, limit: int) -> None:
    for i in range(max(start, 0), limit):
        line = head[i]
        m = r.doc_type.match(line)
        if m and m.group("type").isupper():
            meta.doc_type = r.doc_types[m.group("type").upper()]
            rest = line[m.end() :].strip(" :.-")
            meta.title = _title(rest, head[i + 1 : i + 4], r)
            break
        s = r.subject.match(line)
        if s and not meta.title:
            meta.title = _title(line[s.end() :], head[i + 1 : i + 3], r, continuation_only=True)
    if not meta.doc_type and meta.doc_symbol:
        code = regex.split(r"[-/]", meta.doc_symbol)[0]
        meta.doc_type = r.symbol_types.get(code)
    if not meta.doc_type and meta.title and any(r.subject.match(line) for line in head[start:limit]):
        meta.doc_type = r.letter_type


def _title(first: str, after: list[str], r: Rules, continuation_only: bool = False) -> str | None:
    """The subject line(s): the rest of the type line, or the next line, with continuations."""
    parts = [first] if first and any(c.islower() for c in first) else []
    for line in after:
        if not line:
            continue
        is_cont = line.startswith("(") or line[0].islower()
        if parts and not is_cont:
            break
        if not parts and (continuation_only or r.body_start.match(line) or SECTION.match(line)):
            break
        parts.append(line)
    if not parts:
        return None
    title = " ".join(parts)
    cut = r.title_cut.search(title, 20)
    return title[: cut.start()].strip() if cut else title.strip()


# ---------------------------------------------------------------- signature block


def _signature(lines: list[str], meta: Metadata, r: Rules) -> None:
    label = None
    for i in range(len(lines) - 1, -1, -1):
        if r.label.match(lines[i]):
            label = i
            break
    if label is not None:
        rec_end = _recipients(lines, label, meta, r)
        skipped = [ln for ln in lines[label + 1 : rec_end] if ln.strip()[:1] not in "-–—•+*✓▪"]
        zone = [r.label.sub("", lines[label], count=1), *skipped, *lines[rec_end : rec_end + TAIL_LINES]]
        if not _signer(zone, meta, r):
            _signer(lines[max(label - 8, 0) : label], meta, r)
    else:
        zone = lines[-TAIL_LINES:]
        _signer(zone, meta, r)
    if meta.signer_name is None:
        meta.signer_name = _name_under_caps(zone, r)


def _name_under_caps(zone: list[str], r: Rules) -> str | None:
    """A name under a line in capitals, when the title itself was unreadable ("TL. CHỦ TỊ")."""
    for i in range(len(zone) - 1, 0, -1):
        name = _name(zone[i], r)
        if name and not _mostly_caps(zone[i]) and _mostly_caps(zone[i - 1]):
            return name
    return None


def _recipients(lines: list[str], label: int, meta: Metadata, r: Rules) -> int:
    """Collect the items under "Nơi nhận"; return the index of the first line after them."""
    i = label + 1
    bulleted = i < len(lines) and BULLET.match(lines[i]) is not None and lines[i].lstrip()[:1] in "-–—•+*✓▪"
    while i < len(lines):
        line = lines[i].strip()
        if bulleted:
            if line and _mostly_caps(line) and _bullet_follows(lines, i + 1):
                i += 1  # the signer's title printed between two recipients (columns read across a page break)
                continue
            if not line or line[0] not in "-–—•+*✓▪":
                break
        elif not (line.endswith((";", ".")) or line.lower().startswith("lưu")):
            break
        item = BULLET.sub("", line, count=1) if bulleted else line
        item = item.strip().rstrip(";.,").strip()
        if item:
            meta.recipients.append(item)
        i += 1
    return i


def _bullet_follows(lines: list[str], i: int) -> bool:
    return any(line.strip()[:1] in "-–—•+*✓▪" for line in lines[i : i + 2] if line.strip())


def _signer(zone: list[str], meta: Metadata, r: Rules) -> bool:
    """Find the signer's title and, below it, the name. True if a title was found."""
    for i, line in enumerate(zone):
        if not _mostly_caps(line):
            continue
        title, rest = _signer_title(line, r)
        if title is None:
            continue
        nxt = next((j for j in range(i + 1, min(i + 3, len(zone))) if zone[j].strip()), None)
        if nxt is not None and _mostly_caps(zone[nxt]):
            # "TL. GIÁM ĐỐC" / "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG": the signer's own title is below
            joined, joined_rest = _signer_title(f"{line} {zone[nxt]}", r)
            if joined is not None and joined != title:
                title, rest, i = joined, joined_rest, nxt
        meta.signer_title = title
        for cand in [rest, *zone[i + 1 : i + 8]]:
            name = _name(cand, r)
            if name:
                meta.signer_name = name
                break
        return True
    return False


def _signer_title(line: str, r: Rules) -> tuple[str | None, str]:
    """The title the signer holds on a (possibly joined) signature line, and the text after it.

    "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" -> Phó Giám đốc; "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" -> Chủ tịch;
    "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG" -> Chánh Văn phòng. A title right after KT./TL. is the
    principal's; the signer's own is the next one, or, failing that, the caps words after it.
    """
    upper = line.upper()
    behalf = None
    prefixed = False
    for m in r.sig.finditer(upper):
        if m.group("prefix"):
            prefixed = not m.group("prefix").upper().startswith(("TM", "T/M"))
            continue
        t = m.group("title")
        if prefixed:
            behalf, prefixed = (t, m.end()), False
            continue
        return r.titles[t], line[m.end() :].strip()
    if behalf is None:
        return None, ""
    rest = line[behalf[1] :].strip()
    words = regex.match(r"(?:\p{Lu}{1,12}[ \t]?){1,6}", rest)
    if words and len(words.group().split()) >= 2:
        own = words.group().strip()
        return own[0] + own[1:].lower(), rest[words.end() :].strip()
    return r.titles[behalf[0]], rest


def _mostly_caps(line: str) -> bool:
    if len(line) > 300:  # signature lines are short; a megabyte line must not be scanned
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _name(line: str, r: Rules) -> str | None:
    line = line.strip().strip("*_").strip()
    for p in r.not_name:  # "(Đã ký) Lê Văn A" or "b/c Lê Văn A" when the lines were joined
        m = p.match(line)
        if m:
            line = line[m.end() :].lstrip(" )]:;,.")
    if not line:
        return None
    tokens = line.split()
    n = 0
    while n < min(len(tokens), 7) and NAME_TOKEN.fullmatch(tokens[n]):
        if n and _caps_word(tokens[n]) != _caps_word(tokens[0]):
            break  # "Lê Văn An PHỤ LỤC": the next block's heading, glued on by the text layer, ends the name
        n += 1
    if 2 <= n < len(tokens) and not _caps_word(tokens[0]) and _mostly_caps(" ".join(tokens[n:])):
        return _join_name(tokens[:n], r)
    # a footnote glued after the name by the text layer starts with its number: "Trần Hữu Tuấn 6 Báo cáo ..."
    if not 2 <= n <= 6 or (n < len(tokens) and not tokens[n][0].isdigit()):
        return None
    return _join_name(tokens[:n], r)


def _caps_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _join_name(tokens: list[str], r: Rules) -> str | None:
    name = " ".join(tokens)
    return None if r.sig.search(name.upper()) or r.office.match(name.upper()) else name
