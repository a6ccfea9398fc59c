"""spaCy export (``baocao export OUT --spacy FILE``): the tables as a ``DocBin`` for NLP work.

One ``Doc`` per document, over its normalized text (``texts.text``: every char span of the tables
indexes it, and ``doc.text`` is exactly that text). Span groups ``figures``, ``dates``,
``references``, ``entities`` and ``sections`` hold one span per row:

* ``span.id_`` is the row's id (``f0001``, ``d0001``, ``r0001``, ``e0001``, ``s0001``: unique in a doc);
* ``span.label_`` its kind (figures: ``quantity``; dates: ``granularity``; references: ``ref_type``;
  entities: ``kind``; sections: ``marker_kind``);
* ``span._.baocao`` its parsed values (every column of its row but ``doc_id``; dates as ISO strings),
  kept in ``doc.user_data["baocao_rows"][span.id_]`` so that the DocBin carries them;
* ``doc.user_data["baocao_doc"]`` holds the document's row of ``documents``.

Tokens: spaCy's Vietnamese tokenizer needs the ``pyvi`` package for word segmentation, and its
fallback splits on spaces only (``8,3%,`` would be one token). The export builds the tokens itself:
runs of letters and digits, single punctuation marks and runs of whitespace (``\\w+|[^\\w\\s]|\\s+``),
cut further at a row's boundary in the rare case one falls inside such a run — so every row is a
span whose text is exactly its ``raw``. The vocabulary is that of ``spacy.blank("vi")`` (no model
is downloaded). Read it back with :func:`read_docbin`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

GROUPS = {  # span group -> (table, id column, label column)
    "figures": ("figures", "figure_id", "quantity"),
    "dates": ("dates", "date_id", "granularity"),
    "references": ("references", "ref_id", "ref_type"),
    "entities": ("entities", "entity_id", "kind"),
    "sections": ("sections", "section_id", "marker_kind"),
}
TOKEN = regex.compile(r"\w++|[^\w\s]|\s++")
ROWS_KEY, DOC_KEY = "baocao_rows", "baocao_doc"


def blank_vietnamese():
    """``spacy.blank("vi")`` without pyvi (its word segmenter); raises ValueError saying what to install."""
    try:
        import spacy
    except ImportError:
        raise ValueError("the spaCy export needs spaCy: pip install 'baocao[spacy]' (or pip install spacy)") from None
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    _register()
    return nlp


def export_spacy(out: str | os.PathLike, path: str | os.PathLike) -> int:
    """Write the documents of the output folder ``out`` as a spaCy DocBin at ``path``; returns the number of docs."""
    from spacy.tokens import DocBin

    from ..api import load

    nlp = blank_vietnamese()
    tables = load(out)
    bin_ = DocBin(store_user_data=True)
    n = 0
    for doc in make_docs(nlp.vocab, tables):
        bin_.add(doc)
        n += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)
    return n


def make_docs(vocab, tables) -> Iterator[Any]:
    """One spaCy Doc per document of ``tables`` (a mapping table name → DataFrame, as ``pipeline.load`` gives)."""
    from spacy.tokens import Doc

    texts = tables["texts"]
    documents = tables["documents"].set_index("doc_id", drop=False)
    rows = {group: tables[table].groupby("doc_id", observed=True) for group, (table, _, _) in GROUPS.items()}
    for doc_id, text in zip(texts.doc_id, texts.text, strict=True):
        per_group = {g: (rows[g].get_group(doc_id) if doc_id in rows[g].groups else None) for g in GROUPS}
        cuts = {int(c) for frame in per_group.values() if frame is not None
                for c in (*frame.char_start, *frame.char_end)}  # fmt: skip
        words, spaces = tokenize(text, cuts)
        doc = Doc(vocab, words=words, spaces=spaces)
        doc.user_data[DOC_KEY] = _plain(documents.loc[doc_id].to_dict()) if doc_id in documents.index else {}
        doc.user_data[ROWS_KEY] = values = {}
        for group, (_, id_column, label_column) in GROUPS.items():
            frame = per_group[group]
            spans = []
            for row in frame.to_dict("records") if frame is not None else ():
                span = doc.char_span(int(row["char_start"]), int(row["char_end"]), label=str(row[label_column] or ""),
                                     span_id=row[id_column], alignment_mode="strict")  # fmt: skip
                if span is None:  # cannot happen: every boundary is a token boundary (a bug if it does)
                    raise AssertionError(f"{doc_id} {row[id_column]}: span not on token boundaries")
                spans.append(span)
                values[row[id_column]] = _plain({k: v for k, v in row.items() if k != "doc_id"})
            doc.spans[group] = spans
        yield doc


def tokenize(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags (spaCy's ``Doc(words=, spaces=)``) whose text is exactly ``text``."""
    points = sorted(cuts)
    words: list[str] = []
    spaces: list[bool] = []
    for m in TOKEN.finditer(text):
        start, end = m.span()
        inner = points[bisect.bisect_right(points, start) : bisect.bisect_left(points, end)]
        for a, b in zip([start, *inner], [*inner, end], strict=True):
            piece = text[a:b]
            if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True  # one plain space after a word: spaCy's trailing space
            else:
                words.append(piece)
                spaces.append(False)
    return words, spaces


def read_docbin(path: str | os.PathLike) -> list:
    """The Docs of an exported DocBin, with ``span._.baocao`` available."""
    from spacy.tokens import DocBin

    nlp = blank_vietnamese()
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def _register() -> None:
    from spacy.tokens import Span

    if not Span.has_extension("baocao"):
        Span.set_extension("baocao", getter=lambda span: span.doc.user_data.get(ROWS_KEY, {}).get(span.id_))


def _plain(row: dict) -> dict:
    """Values msgpack can carry: None for missing, ISO strings for dates, lists for arrays."""
    return {k: _value(v) for k, v in row.items()}


def _value(v: Any) -> Any:
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dt.datetime):  # pandas Timestamp is one
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) and v.tzinfo is None else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "tolist"):  # numpy scalars and arrays
        return v.tolist()
    return v
