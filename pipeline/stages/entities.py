"""Entities: the people (PER), organisations (ORG) and places (LOC) a report names.

Two sources, both giving exact spans (``doc.text[char_start:char_end] == raw``):

* ``rule`` (always on, cheap): what the other stages already read — the header's issuer (one ORG
  per body: "UBND TỈNH VĨNH LONG" / "SỞ NỘI VỤ"), the place of the date line (LOC), the signer (PER),
  the issuers of references (ORG), the recipients that name a body (ORG) — each found again in the
  text near where that stage read it; plus the patterns of ``rules/entities.yaml`` for common
  administrative bodies, places and people in running text.
* ``model`` (opt-in: ``baocao run --ner`` sets ``BAOCAO_NER=1``; about 10k chars/s): underthesea's
  NER, sentence by sentence, its tokens mapped back to the text. A model span that overlaps a rule
  span is dropped: the rule row stays. Dask workers read the variable too: set it on the workers.

No two rows overlap: structural ones win, then the longer pattern match, then the model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import rules
from ..records import Document, Entity

SCHEMA = {
    "stop_words": [str],
    "not_name_start": [str],
    "surnames": [str],
    "levels": [str],
    "fields": [str],
    "issuer_heads": [str],
    "issuer_guards": [str],
    "recipient_heads": [str],
    "patterns": [{"kind": str, "pattern": str}],
}
KINDS = ("PER", "ORG", "LOC")
HEAD_CHARS = 3000  # the header lies in the first few thousand chars
TAIL_CHARS = 6000  # the signature block and the recipients lie within a few thousand chars
REF_WINDOW = 400  # a reference's issuer follows it within a few hundred chars
NER_CHUNK = 2000  # longest piece of text handed to the model at once
SYL = r"\p{{Lu}}\p{{Ll}}{{0,6}}(?![\p{{L}}\p{{N}}])"  # one capitalised syllable ("Nguyễn", "A")


@dataclass(frozen=True)
class Rules:
    patterns: tuple[tuple[str, regex.Pattern[str]], ...]
    issuer_head: regex.Pattern[str]
    guards: frozenset[str]
    recipient_head: regex.Pattern[str]


@cache
def load_rules() -> Rules:
    data = rules.load("entities.yaml", SCHEMA)
    stop = rules.words_pattern(data["stop_words"])
    syl = rf"(?!(?:{stop})(?![\p{{L}}])){SYL.format()}"
    name = rf"(?!(?:{rules.words_pattern(data['not_name_start'])})(?![\p{{L}}])){syl}(?:[ \t]{{1,2}}{syl}){{1,4}}"
    person = rf"(?:{rules.words_pattern(data['surnames'])})(?:[ \t]{{1,2}}{syl}){{2}}"  # a name, not a place
    number = r"(?<=(?i:quận|phường)[ \t]{1,2})\d{1,2}(?![\p{L}\p{N}])"  # "quận 7", "Phường 12"
    place = rf"(?:(?!{person}){syl}(?:[ \t]{{1,2}}{syl}){{0,4}}|{number})"
    parts = {
        "<NAME>": name,
        "<PLACE>": place,
        "<LEVEL>": rules.words_pattern(data["levels"]),
        "<FIELD>": rules.words_pattern(data["fields"]),
    }
    patterns = []
    for i, item in enumerate(data["patterns"]):
        if item["kind"] not in KINDS:
            raise rules.RulesError(f"entities.yaml: patterns[{i}].kind must be one of {KINDS}")
        pattern = item["pattern"].removeprefix("re:")
        for key, value in parts.items():
            pattern = pattern.replace(key, value)
        patterns.append((item["kind"], regex.compile(pattern)))
    heads = rules.words_pattern(data["issuer_heads"])
    return Rules(
        patterns=tuple(patterns),
        issuer_head=regex.compile(rf"(?:{heads})(?![\p{{L}}])"),
        guards=frozenset(data["issuer_guards"]),
        recipient_head=regex.compile(rf"(?:{rules.words_pattern(data['recipient_heads'])})(?![\p{{L}}])"),
    )


def run(doc: Document) -> None:
    r = load_rules()
    taken = bytearray(len(doc.text))  # 1 where a kept entity stands: overlap tests cost the span's length
    found = [e for e in _structural(doc, r) if _take(e, taken)]
    candidates = sorted(_patterns(doc.text, r), key=lambda e: (e.char_start - e.char_end, e.char_start))
    found += [e for e in candidates if _take(e, taken)]  # the longer of two overlapping matches wins
    if ner_enabled():
        found += [e for e in model_entities(doc.text) if _take(e, taken)]
    doc.entities.extend(sorted(found, key=lambda e: (e.char_start, e.char_end)))


def _take(e: Entity, taken: bytearray) -> bool:
    """Keep ``e`` unless it overlaps a kept entity; mark its span."""
    if not e.raw.strip() or any(taken[e.char_start : e.char_end]):
        return False
    taken[e.char_start : e.char_end] = b"\1" * (e.char_end - e.char_start)
    return True


def ner_enabled() -> bool:
    return os.environ.get("BAOCAO_NER", "") == "1"


def _entity(text: str, start: int, end: int, kind: str, source: str = "rule") -> Entity:
    raw = text[start:end]
    return Entity(char_start=start, char_end=end, raw=raw, kind=kind, text=" ".join(raw.split()), source=source)


# ---------------------------------------------------------------- structural: from the other stages


def _structural(doc: Document, r: Rules) -> list[Entity]:
    text, meta = doc.text, doc.metadata
    out: list[Entity] = []

    def add(e: Entity | None) -> None:
        if e:
            out.append(e)  # overlaps are settled by run(): the first found wins

    if meta.issuer:
        for e in _issuer(text, meta.issuer, r):
            add(e)
    if meta.place:
        m = _loose(meta.place, r"[ \t]{0,3},[ \t]{0,3}[Nn]gày").search(text, 0, min(len(text), HEAD_CHARS))
        add(m and _entity(text, m.start(), m.start() + len(m.group("e")), "LOC"))
    # the signature block: around the last "Nơi nhận" (an appendix may follow it), else the end
    label = text.rfind("Nơi nhận")
    anchor = label if label >= 0 else len(text)
    if meta.signer_name:
        found = [m.span("e") for m in _loose(meta.signer_name).finditer(text, max(0, anchor - TAIL_CHARS))]
        near = min(found, key=lambda span: abs(span[0] - anchor), default=None)
        add(near and _entity(text, *near, "PER"))
    for ref in doc.references:
        if ref.ref_issuer:
            m = _loose(ref.ref_issuer).search(text, ref.char_end, min(len(text), ref.char_end + REF_WINDOW))
            add(m and _entity(text, *m.span("e"), "ORG"))
    pos = label if label >= 0 else max(0, len(text) - TAIL_CHARS)
    for item in meta.recipients:
        # "UBND quận: các PCT" -> "UBND quận"; "Văn phòng và các Ban Thành ủy" -> "Văn phòng" (a list of bodies)
        name = regex.split(r"[ \t]{0,3}[:(,]|[ \t]và các[ \t]", item, maxsplit=1)[0].strip(" ,;.")
        if not name or not r.recipient_head.match(name):
            continue
        m = _loose(name).search(text, pos)
        if m:
            add(_entity(text, *m.span("e"), "ORG"))
            pos = m.end()
    return out


@lru_cache(maxsize=4096)
def _loose(phrase: str, after: str = "") -> regex.Pattern[str]:
    """The words of ``phrase`` separated by any short run of spaces or line breaks, as group ``e``."""
    body = r"[ \t\n]{1,8}".join(regex.escape(w) for w in phrase.split())
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<e>{body})(?![\p{{L}}\p{{N}}]){after}")


def _issuer(text: str, issuer: str, r: Rules) -> list[Entity]:
    """One ORG per body of the issuer, each a run of its words in the header with only spaces between."""
    words = issuer.split()
    spans: list[tuple[int, int]] = []
    pos, limit = 0, min(len(text), HEAD_CHARS)
    for w in words:  # each word in turn, forward from the last: the motto may be printed between them
        m = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(w)}(?![\p{{L}}\p{{N}}])").search(text, pos, limit)
        if not m:
            return []  # never invent: the issuer is not where metadata read it
        spans.append(m.span())
        pos = m.end()
    out: list[Entity] = []
    start = 0
    for i in range(1, len(words) + 1):
        if i < len(words):
            gap = text[spans[i - 1][1] : spans[i][0]]
            joined = not gap.strip()
            new_body = r.issuer_head.match(" ".join(words[i:])) and (
                "\n" in gap or words[i - 1].upper() not in r.guards
            )
            if joined and not new_body:
                continue
        out.append(_entity(text, spans[start][0], spans[i - 1][1], "ORG"))
        start = i
    # a piece without a head (the motto printed inside the issuer split it) is no body of its own
    return [e for e in out if r.issuer_head.match(e.text.upper())]


# ---------------------------------------------------------------- patterns in running text


def _patterns(text: str, r: Rules) -> list[Entity]:
    out = []
    for kind, pattern in r.patterns:
        for m in pattern.finditer(text):
            start, end = m.span("e") if "e" in pattern.groupindex else m.span()
            while end > start and text[end - 1] in " \t.":  # "TP." with no name after it
                end -= 1
            if end > start:
                out.append(_entity(text, start, end, kind))
    return out


# ---------------------------------------------------------------- model (underthesea)


def model_entities(text: str) -> list[Entity]:
    """underthesea NER over the text, piece by piece; BIO tags joined into spans of ``text``."""
    from underthesea import ner

    out: list[Entity] = []
    for start, piece in _pieces(text):
        try:
            tokens = ner(piece)
        except Exception:  # the model chokes on some input (odd symbols): that piece has no entities
            continue
        out += [e for e in _spans(text, start, start + len(piece), tokens) if _proper(e)]
    return out


def _proper(e: Entity) -> bool:
    """Keep model spans that look like names: capitalised, with lower case, no digits, a person of two
    syllables or more. The model tags "năm 2020", "KH-UBND", "BÁO CÁO" and sentence openers ("Kỳ") too."""
    raw = e.raw
    if e.kind == "PER" and len(raw.split()) < 2:
        return False
    return raw[:1].isupper() and any(c.islower() for c in raw) and not any(c.isdigit() for c in raw)


def _pieces(text: str) -> list[tuple[int, str]]:
    """Lines, long ones cut after sentence ends (and hard at NER_CHUNK), with their start offsets."""
    out = []
    for m in regex.finditer(r"[^\n]+", text):
        line, base = m.group(), m.start()
        while line:
            cut = len(line)
            if cut > NER_CHUNK:
                ends = [e.end() for e in regex.finditer(r"[.;!?][ \t]", line[:NER_CHUNK])]
                cut = ends[-1] if ends else NER_CHUNK
            if line[:cut].strip() and regex.search(r"\p{Lu}", line[:cut]):
                out.append((base, line[:cut]))
            base, line = base + cut, line[cut:]
    return out


@lru_cache(maxsize=8192)
def _token(word: str) -> regex.Pattern[str]:
    """A model token in the text: its words with any short run of spaces between; a letter or digit at
    an edge must not continue a longer word (punctuation may be glued: "2021," is two tokens)."""
    body = r"[ \t]{1,8}".join(regex.escape(w) for w in word.split())
    before = r"(?<![\p{L}\p{N}])" if regex.match(r"[\p{L}\p{N}]", word) else ""
    after = r"(?![\p{L}\p{N}])" if regex.search(r"[\p{L}\p{N}]$", word) else ""
    return regex.compile(before + body + after)


def _spans(text: str, pos: int, limit: int, tokens: list[tuple]) -> list[Entity]:
    out: list[Entity] = []
    current: list = []  # [kind, start, end]
    for token in tokens:
        word, tag = token[0], token[-1]
        m = _token(word).search(text, pos, limit) if word.strip() else None
        if not m:  # the token is not in the text as printed: close the entity, do not bridge over it
            if current:
                out.append(_entity(text, current[1], current[2], current[0], "model"))
            current = []
            continue
        pos = m.end()
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind in KINDS and tag.startswith("I-") and current and current[0] == kind:
            current[2] = m.end()
            continue
        if current:
            out.append(_entity(text, current[1], current[2], current[0], "model"))
        current = [kind, m.start(), m.end()] if kind in KINDS else []
    if current:
        out.append(_entity(text, current[1], current[2], current[0], "model"))
    return out
