"""Subject and period of a run's figures against a blind annotation of real pages.

    .venv/bin/python bench/blind_meaning.py OUT ANNOTATIONS.json

ANNOTATIONS.json is a list of {"doc", "page", "raw", "sentence", "subject", "period_start", "period_end",
"required"} written by a person from the page images (``doc``: the file's path, its name is matched with
``documents.source_name``; text and Word files have no pages and are matched on the text alone). A figure
is matched on its page by its raw text, else by its number; among equal numbers the one whose sentence is
nearest the annotation's. Scored as ``eval/score.py`` scores the dev set: subject by token F1 >= 0.5,
period by exact start and end. The annotations quote the documents: keep them out of the repository.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

PAGELESS = (".docx", ".doc", ".md", ".txt", ".ws")


def tokens(text: object) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text.lower())) if isinstance(text, str) else []


def f1(a: object, b: object) -> float:
    x, y = tokens(a), tokens(b)
    common = sum(min(x.count(t), y.count(t)) for t in set(x))
    if not common:
        return 0.0
    p, r = common / len(x), common / len(y)
    return 2 * p * r / (p + r)


def squeeze(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or "")).lower() if isinstance(text, str) else ""


def number(text: object) -> str | None:
    m = re.search(r"\d[\d.,/ ]*\d|\d", unicodedata.normalize("NFC", text or "")) if isinstance(text, str) else None
    return m.group().replace(" ", "") if m else None


def day(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)[:10]


def main(out: str, annotations: str) -> None:
    docs = pd.read_parquet(Path(out) / "documents")
    figures = pd.read_parquet(Path(out) / "figures").merge(docs[["doc_id", "source_name"]], on="doc_id")
    stats: dict[str, list[int]] = {}
    for g in json.loads(Path(annotations).read_text(encoding="utf-8")):
        if not g.get("required", True):
            continue
        name = Path(g["doc"]).name
        s = stats.setdefault(name, [0, 0, 0, 0])  # annotated, matched, subject right, period right
        s[0] += 1
        f = figures[figures.source_name == name]
        if not name.endswith(PAGELESS):
            f = f[f.page == g["page"]]
        found = f[f.raw.map(squeeze) == squeeze(g["raw"])]
        if found.empty:
            found = f[f.raw.map(number) == number(g["raw"])]
        if found.empty:
            continue
        row = max((r for _, r in found.iterrows()), key=lambda r: f1(r.sentence, g.get("sentence")))
        s[1] += 1
        s[2] += f1(row.subject, g["subject"]) >= 0.5
        s[3] += (day(row.period_start), day(row.period_end)) == (g["period_start"], g["period_end"])
    total = [sum(v[k] for v in stats.values()) for k in range(4)]
    for name, (n, m, subj, per) in [*stats.items(), ("all", total)]:
        m1 = max(m, 1)
        print(f"{name[:50]:50} annotated {n:4} matched {m:4} subject {subj / m1:.3f} period {per / m1:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
