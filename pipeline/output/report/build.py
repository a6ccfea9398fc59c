"""Write the static HTML report of an output folder: ``index.html``, one page per document, page images.

Everything the browser needs is beside the pages (``report.js``, ``report.css``, ``img/<doc_id>/``):
the report opens from the file system, offline. ``status.json`` keeps a hash per document page of
everything it shows (its rows, the templates, the code): a second run rewrites only the pages whose
inputs changed, and renders page images only for documents whose source changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from . import images, markup
from .tables import ROW_TABLES, DocTables, digest, load

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATUS = "status.json"
LOW_CONFIDENCE = 0.6  # OCR confidence (0..1) under which a row or page is marked

FIELDS = {
    "figures": ("value", "value_max", "denominator", "quantity", "unit", "scale", "approx", "direction", "basis",
                "subject", "period_start", "period_end"),
    "dates": ("start", "end", "granularity", "is_range", "year_inferred"),
    "references": ("ref_type", "ref_no", "ref_year", "ref_symbol", "ref_date", "ref_issuer"),
    "entities": ("kind", "text", "source"),
}  # fmt: skip
TABLE_NAMES = {"figures": "số liệu", "dates": "ngày tháng", "references": "dẫn chiếu", "entities": "tên riêng"}


@dataclass
class ReportSummary:
    folder: Path
    documents: int = 0
    written: int = 0  # document pages (re)written this time
    pages: int = 0  # page images rendered this time
    seconds: float = 0.0
    missing_sources: list[str] = field(default_factory=list)

    def line(self) -> str:
        missing = f"; source not found for {len(self.missing_sources)} (no page images)" if self.missing_sources else ""
        return (f"report: {self.documents} documents, {self.written} pages written, {self.pages} page images "
                f"rendered{missing}; {self.seconds:.1f} s -> {self.folder / 'index.html'}")  # fmt: skip


def code_version() -> str:
    """Hash of the templates, static files and this package's code: a change rewrites every page."""
    h = hashlib.sha256()
    for path in sorted([*HERE.glob("*.py"), *TEMPLATES.iterdir(), *STATIC.iterdir()]):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def write_report(out: Path, dest: Path | None = None, sources: list[Path] | None = None,
                 dpi: int = images.DPI, force: bool = False) -> ReportSummary:  # fmt: skip
    """Write the report of the tables in ``out`` into ``dest`` (default ``out/report``)."""
    started = time.perf_counter()
    out = Path(out)
    dest = Path(dest) if dest else out / "report"
    dest.mkdir(parents=True, exist_ok=True)
    summary = ReportSummary(dest)
    docs = load(out)
    for name in ("report.js", "report.css"):
        _write_if_changed(dest / name, (STATIC / name).read_bytes())
    old_status = _read_status(dest)
    status = {} if force else old_status
    version = code_version()
    ledger = images.ledger_paths(out)
    new_status: dict[str, dict] = {"_version": {"code": version}}
    rows = []
    for d in docs:
        doc_id = d.doc["doc_id"]
        key = f"{digest(d)}-{version}-{dpi}"
        old = status.get(doc_id, {})
        page_sizes = old.get("images") if old.get("source_sha256") == d.doc.get("source_sha256") else None
        if page_sizes is not None and old.get("dpi") == dpi and _images_present(dest, doc_id, page_sizes):
            pass  # the page images are those of the same bytes at the same resolution
        else:
            page_sizes = _render_pages(d, dest, sources or [], ledger, dpi, summary)
        if old.get("key") != key or not (dest / page_name(doc_id)).is_file() or old.get("images") != page_sizes:
            (dest / page_name(doc_id)).write_text(document_page(d, page_sizes), encoding="utf-8")
            summary.written += 1
        new_status[doc_id] = {"key": key, "source_sha256": d.doc.get("source_sha256"), "dpi": dpi,
                              "images": page_sizes}  # fmt: skip
        rows.append(index_row(d))
    for gone in set(old_status) - set(new_status):  # documents no longer in the tables: their files go too
        if not gone.startswith("_") and "/" not in gone and ".." not in gone:
            (dest / page_name(gone)).unlink(missing_ok=True)
            shutil.rmtree(dest / "img" / gone, ignore_errors=True)
    summary.documents = len(docs)
    index = _template("index.html").substitute(
        n_docs=len(docs), summary=html.escape(_index_summary(docs)), rows="\n".join(rows)
    )
    _write_if_changed(dest / "index.html", index.encode())
    (dest / STATUS).write_text(json.dumps(new_status, indent=1), encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


def page_name(doc_id: str) -> str:
    return f"{doc_id}.html"


# ---------------------------------------------------------------- page images


def _render_pages(d: DocTables, dest: Path, sources: list[Path], ledger: dict, dpi: int,
                  summary: ReportSummary) -> list | None:  # fmt: skip
    fmt = d.doc.get("source_format")
    if fmt not in ("pdf", "image") or d.doc.get("status") == "failed":
        return None
    path = images.find_source(d.doc, sources, ledger)
    folder = dest / "img" / d.doc["doc_id"]
    if path is None:
        summary.missing_sources.append(d.doc.get("source_path") or d.doc["doc_id"])
        return None
    shutil.rmtree(folder, ignore_errors=True)
    try:
        sizes = images.render_pdf(path, folder, dpi) if fmt == "pdf" else images.render_image(path, folder)
    except Exception as err:  # a page pdfium cannot draw: the text report is still useful
        summary.missing_sources.append(f"{d.doc.get('source_path')}: {type(err).__name__}: {err}")
        return None
    summary.pages += len(sizes)
    return [list(s) for s in sizes]


def _images_present(dest: Path, doc_id: str, sizes: list | None) -> bool:
    if not sizes:
        return sizes is None or sizes == []
    return all((dest / "img" / doc_id / images.page_file(p)).is_file() for p, _, _ in sizes)


# ---------------------------------------------------------------- the document page


def low_confidence(d: DocTables) -> set[str]:
    """Ids of rows whose OCR confidence (when the tables carry one) is under the threshold."""
    low = set()
    for table, id_col in ROW_TABLES.items():
        for r in d.table(table):
            conf = _confidence(r.get("ocr_confidence"))
            if conf is not None and conf < LOW_CONFIDENCE:
                low.add(r[id_col])
    return low


def _confidence(value: float | None) -> float | None:
    if value is None:
        return None
    return value / 100 if value > 1 else value  # 0..100 or 0..1, whichever the OCR stage writes


def document_page(d: DocTables, page_sizes: list | None) -> str:
    doc = d.doc
    low = low_confidence(d)
    title = doc.get("title") or doc.get("source_name") or doc["doc_id"]
    checks = d.table("checks")
    failed = sum(1 for c in checks if c.get("status") == "fail")
    values = {
        "doc_id": doc["doc_id"],
        "title": html.escape(str(title)),
        "meta": html.escape(_meta_line(doc)),
        "layout": "with-pages" if page_sizes else "text-only",
        "outline": outline(d),
        "check_summary": f"{len(checks)} kiểm tra, {failed} sai" if checks else "",
        "checks": checks_list(checks),
        "diagnostics": diagnostics_list(d.table("diagnostics")),
        "text": markup.render(d, low),
        "pages": pages_pane(d, page_sizes),
        "rows": _json_for_script(rows_data(d, checks)),
    }
    return _template("document.html").substitute(values)


def _meta_line(doc: dict) -> str:
    parts = [doc.get("doc_type"), _number(doc), doc.get("issuer"), doc.get("place"), doc.get("issue_date"),
             f"{doc.get('source_name')} ({doc.get('source_format')})", f"trạng thái {doc.get('status')}",
             f"{int(doc['n_pages'])} trang" if doc.get("n_pages") else None, f"doc_id {doc['doc_id']}"]  # fmt: skip
    return " · ".join(str(p) for p in parts if p)


def _number(doc: dict) -> str | None:
    no, sym = doc.get("doc_no"), doc.get("doc_symbol")
    if not no and not sym:
        return None
    return f"Số {no or '…'}/{sym}" if sym else f"Số {no}"


def outline(d: DocTables) -> str:
    sections = d.table("sections")
    if not sections:
        return '<p class="empty">Không có mục nào.</p>'
    items = []
    for s in sections:
        label = " ".join(str(x) for x in (s.get("marker"), s.get("heading")) if x)[:120]
        level = int(s.get("level") or 1)
        items.append(f'<li class="lv{min(level, 6)}"><a href="#{s["section_id"]}">{html.escape(label)}</a></li>')
    return _chunked("outline", items)


def checks_list(checks: list[dict]) -> str:
    if not checks:
        return '<p class="empty">Không có phép tính nào để kiểm tra.</p>'
    items = []
    for c in checks:
        status = c.get("status") or ""
        links = " ".join(f'<a href="#{html.escape(f)}" data-goto="{html.escape(f)}">{html.escape(f)}</a>'
                         for f in c.get("figure_ids") or [])  # fmt: skip
        items.append(
            f'<li class="check {status}" id="{c["check_id"]}" data-figures="{" ".join(c.get("figure_ids") or [])}">'
            f'<span class="status">{"✔ đúng" if status == "pass" else "✘ sai"}</span> '
            f'<span class="kind">{html.escape(str(c.get("kind")))}</span> {links}'
            f'<div class="msg">{html.escape(str(c.get("message") or ""))}</div></li>'
        )
    return _chunked("checks", items)


def _chunked(cls: str, items: list[str], size: int = 100) -> str:
    """Long lists in chunks the browser lays out only when in view (a 300-page report has thousands)."""
    chunks = [items[k : k + size] for k in range(0, len(items), size)]
    return "".join(f'<ul class="{cls} chunk">{"".join(c)}</ul>' for c in chunks)


def diagnostics_list(diags: list[dict]) -> str:
    if not diags:
        return '<p class="empty">Không có.</p>'
    items = []
    for g in diags:
        sev, stage, code, msg = (html.escape(str(g.get(k))) for k in ("severity", "stage", "code", "message"))
        items.append(f'<li class="diag {sev}"><b>{sev}</b> {stage}/{code}: {msg}</li>')
    return f'<ul class="diags">{"".join(items)}</ul>'


def pages_pane(d: DocTables, page_sizes: list | None) -> str:
    if not page_sizes:
        if d.doc.get("source_format") in ("pdf", "image"):
            return '<p class="empty">Không tìm thấy tệp gốc để vẽ trang (dùng <code>--source</code>).</p>'
        return ""
    info = {int(p["page"]): p for p in d.table("pages") if p.get("page")}
    parts = []
    for page, w_px, h_px in page_sizes:
        p = info.get(page, {})
        conf = _confidence(p.get("ocr_confidence"))
        cls = "page" + (" lowconf" if conf is not None and conf < LOW_CONFIDENCE else "")
        ocr = (
            f" · OCR, độ tin cậy {conf:.0%}"
            if p.get("ocr") and conf is not None
            else (" · OCR" if p.get("ocr") else "")
        )
        src = f"img/{d.doc['doc_id']}/{images.page_file(page)}"
        parts.append(
            f'<figure class="{cls}" id="page-{page}" data-page="{page}" style="aspect-ratio:{w_px}/{h_px}">'
            f'<img src="{src}" loading="lazy" width="{w_px}" height="{h_px}" alt="Trang {page}">'
            f"<figcaption>Trang {page}{ocr}</figcaption></figure>"
        )
    return "".join(parts)


def rows_data(d: DocTables, checks: list[dict]) -> dict:
    """What the script needs, kept short (a 300-page report has ~15k rows): each row's parsed fields
    ``f``, page ``p``, box ``b`` in % of its page (x0, top, x1, bottom), checks ``c``."""
    sizes = {int(p["page"]): (p.get("width"), p.get("height")) for p in d.table("pages") if p.get("page")}
    in_checks: dict[str, list[str]] = {}
    for c in checks:
        for f in c.get("figure_ids") or []:
            in_checks.setdefault(f, []).append(c["check_id"])
    rows = {}
    for table, id_col in ROW_TABLES.items():
        for r in d.table(table):
            page = r.get("page")
            w, h = sizes.get(int(page), (None, None)) if page else (None, None)
            box = None
            if page and w and h and None not in (r.get("x0"), r.get("top"), r.get("x1"), r.get("bottom")):
                box = [round(r["x0"] / w * 100, 2), round(r["top"] / h * 100, 2),
                       round(r["x1"] / w * 100, 2), round(r["bottom"] / h * 100, 2)]  # fmt: skip
            fields = {k: r.get(k) for k in FIELDS[table] if r.get(k) is not None}
            if r.get("ocr_confidence") is not None:
                fields["ocr_confidence"] = r["ocr_confidence"]
            item: dict = {"f": fields}  # the table, the raw text, the low-confidence mark are in the markup
            if page:
                item["p"] = int(page)
            if box:
                item["b"] = box
            if r[id_col] in in_checks:
                item["c"] = in_checks[r[id_col]]
            rows[r[id_col]] = item
    return rows


def _json_for_script(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).replace("</", "<\\/")


# ---------------------------------------------------------------- the index


def index_row(d: DocTables) -> str:
    doc = d.doc
    checks = d.table("checks")
    failed = sum(1 for c in checks if c.get("status") == "fail")
    n = {t: len(d.table(t)) for t in ROW_TABLES}
    cells = [
        f'<a href="{page_name(doc["doc_id"])}">{html.escape(str(doc.get("source_name") or doc["doc_id"]))}</a>'
        f'<div class="sub">{html.escape(str(doc.get("title") or ""))[:160]}</div>',
        html.escape(str(doc.get("doc_type") or "")),
        html.escape(_number(doc) or ""),
        html.escape(str(doc.get("issue_date") or "")),
        f'<span class="st {html.escape(str(doc.get("status")))}">{html.escape(str(doc.get("status")))}</span>',
        str(int(doc["n_pages"])) if doc.get("n_pages") else "",
        *(str(n[t]) for t in ROW_TABLES),
        str(len(checks)),
        f'<span class="{"bad" if failed else ""}">{failed}</span>',
        str(len(d.table("diagnostics"))),
    ]
    return f'<tr data-failed="{failed}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _index_summary(docs: list[DocTables]) -> str:
    by_status: dict[str, int] = {}
    for d in docs:
        by_status[str(d.doc.get("status"))] = by_status.get(str(d.doc.get("status")), 0) + 1
    failed = sum(1 for d in docs for c in d.table("checks") if c.get("status") == "fail")
    total = sum(len(d.table("checks")) for d in docs)
    st = ", ".join(f"{v} {k}" for k, v in sorted(by_status.items()))
    return f"{st}; {total} kiểm tra số học, {failed} sai"


# ---------------------------------------------------------------- files


def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _read_status(dest: Path) -> dict:
    try:
        status = json.loads((dest / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return status if isinstance(status, dict) else {}


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
