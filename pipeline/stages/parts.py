"""Parts: the documents a file holds after its first one (TABLES.md notes in README, ``parts``).

A covering letter (công văn, tờ trình) is often followed, after its signature and ``Nơi nhận``,
by the document it forwards: a thông báo, a báo cáo, a draft nghị quyết, a quy định "ban hành
kèm theo" — each with its own header, title and numbering. A ``Phụ lục`` after the signature is the
same case. After a ``Nơi nhận`` block or a signature line (``KT. CHỦ TỊCH``), a part starts at the first
line that opens a header:

* an appendix label (``PHỤ LỤC II``, ``Phụ lục 01: ...``) -> kind ``appendix``;
* the national motto, a ``Số: ...`` line or a type line in capitals (``THÔNG BÁO``, ``QUY ĐỊNH``)
  -> kind ``attachment``; the issuer's lines in capitals right above it belong to the part.

A part runs to the start of the next part or the end of the text. Its header (type, title, and
where printed number, symbol and date) is read with the header rules of ``metadata``. ``segment``
starts the section tree again at every part; ``metadata`` reads the signature of the first
document only.

Adds: ``doc.parts``. Runs before ``metadata``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import rules
from ..records import Document, Metadata, Part
from . import metadata

SCHEMA = {"closing": str, "appendix": str, "issuer_lines": int}
# "(Ban hành kèm theo Nghị quyết số ...)" under a part's title says whose part it is; it is no title
KEM_THEO = regex.compile(r"[ \t]{0,3}\((?i:ban[ \t]hành[ \t])?(?i:kèm[ \t]theo)[^()]{0,300}\)?[ \t.]{0,3}$")


@dataclass(frozen=True)
class Rules:
    closing: regex.Pattern[str]
    appendix: regex.Pattern[str]
    issuer_lines: int


@cache
def load_rules() -> Rules:
    data = rules.load("parts.yaml", SCHEMA)
    return Rules(regex.compile(data["closing"]), regex.compile(data["appendix"]), data["issuer_lines"])


def run(doc: Document) -> None:
    r, meta_rules = load_rules(), metadata.load_rules()
    lines = [(m.start(), m.group()) for m in regex.finditer(r"[^\n]*", doc.text) if m.group()]
    starts: list[tuple[int, str, int]] = []  # (line index, kind, char offset)
    i = 0
    while i < len(lines):
        if not _closes(lines[i][1].strip(), r, meta_rules):
            i += 1
            continue
        found = _next_start(lines, i + 1, r, meta_rules)
        if found is None:
            break
        starts.append(found)
        i = found[0] + 1
    for n, (idx, kind, offset) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else len(doc.text)
        doc.parts.append(_part(doc, lines, idx, kind, offset, end, n + 1, r, meta_rules))


def _closes(line: str, r: Rules, mr: metadata.Rules) -> bool:
    """ "Nơi nhận:", or a signature line ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"): the document ends here."""
    if r.closing.match(line):
        return True
    m = mr.sig.match(line.upper()) if len(line) <= 120 else None
    return m is not None and m.group("prefix") is not None and metadata._mostly_caps(line)


def _next_start(lines: list[tuple[int, str]], i: int, r: Rules, mr: metadata.Rules) -> tuple[int, str, int] | None:
    """The first line at or after ``i`` that opens a part: (line index, kind, char offset)."""
    for j in range(i, len(lines)):
        start, raw = lines[j]
        line = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if r.appendix.match(line):
            return j, "appendix", start + lead
        glued = _glued_heading(line, r, mr)
        if glued is not None:  # "Nguyễn Văn A PHỤ LỤC": a text layer joined the name and the next heading
            kind = "appendix" if r.appendix.match(line[glued:]) else "attachment"
            return j, kind, start + lead + glued
        if mr.motto.search(line) or _number_line(line) or _type_line(line, mr):
            first = j
            while first > i and j - first < r.issuer_lines:
                above = lines[first - 1][1].strip()
                if not (metadata._mostly_caps(above) or not any(c.isalpha() for c in above)):
                    break
                if mr.sig.search(above.upper()) or r.closing.match(above):
                    break
                first -= 1
            while first < j and not any(c.isalpha() for c in lines[first][1]):
                first += 1  # a decoration line ("_") does not open the part
            s, text = lines[first]
            return first, "attachment", s + len(text) - len(text.lstrip())
    return None


def _number_line(line: str) -> bool:
    """ "Số: 12/TB-UBND" opening a line (the issuer may be printed on the line above)."""
    return metadata.NUMBER.match(line) is not None


def _type_line(line: str, mr: metadata.Rules) -> bool:
    """A type line in capitals: "THÔNG BÁO", "QUY ĐỊNH VỀ ...", "KẾ HOẠCH"."""
    m = mr.doc_type.match(line)
    return m is not None and m.group("type").isupper() and metadata._mostly_caps(line) and len(line) <= 300


def _glued_heading(line: str, r: Rules, mr: metadata.Rules) -> int | None:
    """Where a heading in capitals starts after a person's name on the same line, or None."""
    m = regex.match(r"(?:\p{Lu}\p{Ll}{1,7}[ \t]){1,5}\p{Lu}\p{Ll}{1,7}[ \t]{1,3}(?=\p{Lu})", line)
    if m is None:
        return None
    rest = line[m.end() :]
    if r.appendix.match(rest):
        return m.end()
    return m.end() if _type_line(rest, mr) else None


def _part(
    doc: Document,
    lines: list[tuple[int, str]],
    idx: int,
    kind: str,
    start: int,
    end: int,
    n: int,
    r: Rules,
    mr: metadata.Rules,
) -> Part:
    head_text = doc.text[start:end]
    head = [metadata._clean(x, mr) for x in head_text.split("\n")[: metadata.HEAD_LINES]]
    part = Part(
        part_id=f"p{n:02d}",
        kind=kind,
        label=None,
        doc_type=None,
        title=None,
        doc_no=None,
        doc_symbol=None,
        issue_date=None,
        char_start=start,
        char_end=end,
    )
    if kind == "appendix":
        m = r.appendix.match(head[0])
        assert m is not None
        label = " ".join(m.group("label").split())
        part.label = label[0].upper() + label[1:].lower() if not m.group("n") else f"Phụ lục {m.group('n')}"
        part.doc_type = "Phụ lục"
        part.title = _appendix_title(head[0][m.end() :], head[1:])
    else:
        meta = Metadata()
        metadata._header(head, meta, mr)
        part.doc_type = meta.doc_type
        title = _attachment_title(head, mr) or meta.title
        part.title = KEM_THEO.sub("", title).strip() or None if title else None
        part.doc_no, part.doc_symbol, part.issue_date = meta.doc_no, meta.doc_symbol, meta.issue_date
    for p in doc.pages:
        if p.char_start <= start < max(p.char_end, p.char_start + 1):
            part.page_start = p.page
        if p.char_start < end:
            part.page_end = p.page
    return part


def _attachment_title(head: list[str], mr: metadata.Rules) -> str | None:
    """The subject lines under an attachment's type line, while they go on: a title printed over two
    lines ("Về quản lý dịch vụ ..." / "Internet trên địa bàn ...") is one title, up to the "(Ban hành kèm
    theo ...)" line, a section marker, the start of the body or a line in capitals ("Chương I")."""
    at = next((k for k, line in enumerate(head) if _type_line(line, mr)), None)
    if at is None:
        return None
    m = mr.doc_type.match(head[at])
    first = head[at][m.end() :].strip(" :.-") if m else ""
    parts = [first] if first and any(c.islower() for c in first) else []
    for line in head[at + 1 : at + 6]:
        if not line:
            continue
        stop = (
            metadata.SECTION.match(line)
            or mr.body_start.match(line)
            or metadata._mostly_caps(line)
            or line.startswith("(")
            or regex.match(r"(?i:chương|điều|mục|phần)[ \t]", line)
            or (parts and parts[-1].endswith((".", ";", ":", ")")))
        )
        if stop:
            break
        parts.append(line)
        if "(" in line:
            break  # "... Hà Nội (Ban hành kèm theo ...)": the title ends in this line
    return " ".join(parts) or None


def _appendix_title(rest: str, after: list[str]) -> str | None:
    """The appendix's title: the rest of its label line, else the next line; capitals run on."""
    parts = [rest.strip(" \t:.-–—")] if rest.strip(" \t:.-–—") else []
    for line in after:
        if not line:
            continue
        if line.startswith("(") or (parts and not metadata._mostly_caps(parts[-1])):
            break
        if parts and not metadata._mostly_caps(line):
            break
        parts.append(line)
        if len(parts) == 3:
            break
    return " ".join(parts) or None
