"""The report in a real headless Chromium (Debian's, over the DevTools pipe): every figure, date and
reference present once by its data-id, its box drawn on the right page, no console error, no request
leaving the file system."""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.output.report import page_name, write_report

from .chromium import Chromium

ROWS = {"figures": "figure_id", "dates": "date_id", "references": "ref_id"}

# For every id: how many elements carry it, their text, and after selecting it: the page the box is
# drawn on, the box in % of that page, whether the box is in view in the page pane.
PROBE = """
(function (ids) {
  var out = {};
  var pane = document.getElementById('pages');
  ids.forEach(function (id) {
    var els = document.querySelectorAll('[data-id="' + id + '"]');
    var r = {n: els.length, text: els.length ? els[0].textContent : null,
             clipped: els.length ? els[0].hasAttribute('data-clipped') : false};
    window.baocao.select(id);
    var box = document.getElementById('box');
    if (box && box.parentNode && box.dataset.id === id) {
      var b = box.getBoundingClientRect(), p = pane.getBoundingClientRect();
      r.page = Number(box.parentNode.dataset.page);
      r.box = [parseFloat(box.style.left), parseFloat(box.style.top)];
      r.visible = b.bottom > p.top && b.top < p.bottom && b.width > 0;
    }
    r.selected = document.querySelector('.hl.sel') === els[0];
    out[id] = r;
  });
  return out;
})(%s)
"""


def table(out, name: str, doc_id: str | None = None) -> pd.DataFrame:
    frame = pd.read_parquet(out / name)
    return frame if doc_id is None else frame[frame.doc_id == doc_id]


def probe(browser: Chromium, out, doc_id: str) -> tuple[dict, dict[str, pd.DataFrame]]:
    browser.open((out / "report" / page_name(doc_id)).as_uri())
    rows = {t: table(out, t, doc_id) for t in ROWS}
    ids = [i for t, col in ROWS.items() for i in rows[t][col]]
    import json

    return browser.js(PROBE % json.dumps(ids)), rows


def assert_every_row_in_place(found: dict, rows: dict[str, pd.DataFrame], pages: pd.DataFrame) -> None:
    size = {int(p.page): (p.width, p.height) for p in pages.itertuples()}
    for t, col in ROWS.items():
        for r in rows[t].itertuples():
            got = found[getattr(r, col)]
            assert got["n"] == 1, (getattr(r, col), got)
            assert got["selected"]
            if not got["clipped"]:
                assert got["text"] == r.raw
            if pd.notna(r.x0):
                w, h = size[int(r.page)]
                assert got.get("page") == int(r.page), (getattr(r, col), got)
                assert got["box"] == pytest.approx([r.x0 / w * 100, r.top / h * 100], abs=0.01)
                assert got["visible"], (getattr(r, col), got)


def test_every_figure_date_reference_present_once_and_boxed_on_its_page(generated, browser: Chromium) -> None:
    doc_id = table(generated, "documents").doc_id.iloc[0]
    found, rows = probe(browser, generated, doc_id)
    assert sum(len(r) for r in rows.values()) > 100  # the generated report is full of figures
    assert rows["figures"].page.nunique() == 4  # on every page
    assert_every_row_in_place(found, rows, table(generated, "pages", doc_id))


def test_a_click_on_the_page_image_selects_the_row_under_it(generated, browser: Chromium) -> None:
    doc_id = table(generated, "documents").doc_id.iloc[0]
    figures = table(generated, "figures", doc_id).query("page == 3")
    target = figures.iloc[len(figures) // 2]
    browser.open((generated / "report" / page_name(doc_id)).as_uri())
    browser.js(f"window.baocao.select('{target.figure_id}')")  # scrolls page 3 into view
    x, y = browser.js(
        "(function(){var b=document.getElementById('box').getBoundingClientRect();"
        "return [b.left + b.width / 2, b.top + b.height / 2]})()"
    )
    browser.js("document.querySelector('.hl.sel').classList.remove('sel')")
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left", clickCount=1)
    assert browser.js("document.querySelector('.hl.sel').dataset.id") == target.figure_id
    in_view = browser.js(
        "(function(){var e=document.querySelector('.hl.sel').getBoundingClientRect(),"
        "t=document.getElementById('text').getBoundingClientRect();return e.top>=t.top && e.bottom<=t.bottom})()"
    )
    assert in_view


def test_a_check_links_to_its_figures_and_a_hash_selects_a_row(generated, browser: Chromium) -> None:
    doc_id = table(generated, "documents").doc_id.iloc[0]
    checks = table(generated, "checks", doc_id)
    assert len(checks) > 0
    first = checks.iloc[0]
    browser.open((generated / "report" / page_name(doc_id)).as_uri())
    browser.js(f"document.querySelector('#{first.check_id} [data-goto]').click()")
    assert browser.js("document.querySelector('.hl.sel').dataset.id") == first.figure_ids[0]
    assert browser.js(f"document.getElementById('{first.check_id}').classList.contains('current')")
    browser.open("about:blank")  # else going to the same page with a #fragment fires no load event
    browser.open((generated / "report" / page_name(doc_id)).as_uri() + f"#{first.figure_ids[-1]}")
    assert browser.js("document.querySelector('.hl.sel').dataset.id") == first.figure_ids[-1]


def test_index_sorts_and_filters(generated, browser: Chromium, tmp_path) -> None:
    out = tmp_path / "out"
    pipeline.run([generated.parent / "in", pipeline_samples()], out, workers=1)
    write_report(out)
    browser.open((out / "report" / "index.html").as_uri())
    names = (
        "Array.from(document.querySelectorAll('#docs tbody tr:not(.hidden) td:first-child a')).map(a=>a.textContent)"
    )
    before = browser.js(names)
    assert len(before) == len(table(out, "documents"))
    browser.js("document.querySelectorAll('#docs th')[5].click(); document.querySelectorAll('#docs th')[5].click()")
    pages = browser.js("Array.from(document.querySelectorAll('#docs tbody tr td:nth-child(6)')).map(t=>t.textContent)")
    assert pages[0] == "4"  # descending by pages: the PDF first
    browser.js("var f=document.getElementById('filter'); f.value='bao_cao_quy'; f.dispatchEvent(new Event('input'))")
    assert browser.js(names) == ["bao_cao_quy_1.pdf"]


def test_no_console_errors_and_no_request_leaves_the_file_system(generated, browser: Chromium) -> None:
    browser.events.clear()
    doc_id = table(generated, "documents").doc_id.iloc[0]
    browser.open((generated / "report" / "index.html").as_uri())
    browser.open((generated / "report" / page_name(doc_id)).as_uri())
    browser.js("window.baocao.select('f0001'); document.getElementById('pages').scrollTop = 1e6")
    browser.drain(0.5)  # let the lazy page images load
    requests = browser.requests()
    assert any(u.endswith(".jpg") for u in requests)
    assert all(u.startswith("file://") for u in requests), requests
    assert browser.errors() == []


def test_real_multi_page_pdf_every_row_highlighted_and_boxed(shared, browser: Chromium, tmp_path) -> None:
    src = shared / "corpus" / "real" / "lamdong_vbai"
    pdf = next(src.glob("TTXT*.pdf"), None)
    if pdf is None:
        pytest.skip("the real PDF is not in ../shared")
    out = tmp_path / "out"
    pipeline.run([pdf], out, workers=1)
    write_report(out)
    doc_id = table(out, "documents").doc_id.iloc[0]
    found, rows = probe(browser, out, doc_id)
    assert table(out, "documents").n_pages.iloc[0] > 1
    assert all(len(rows[t]) > 0 for t in ROWS)
    assert_every_row_in_place(found, rows, table(out, "pages", doc_id))
    assert browser.errors() == []


def pipeline_samples():
    from tests.conftest import RAW

    return RAW


def test_a_click_on_a_highlight_shows_its_parsed_fields_and_its_page(generated, browser: Chromium) -> None:
    doc_id = table(generated, "documents").doc_id.iloc[0]
    fig = table(generated, "figures", doc_id).query("quantity == 'money'").iloc[0]
    browser.open((generated / "report" / page_name(doc_id)).as_uri())
    browser.js(f"document.querySelector('[data-id=\"{fig.figure_id}\"]').scrollIntoView({{block: 'center'}})")
    x, y = browser.js(
        f"(function(){{var b=document.querySelector('[data-id=\"{fig.figure_id}\"]').getBoundingClientRect();"
        "return [b.left + 2, b.top + b.height / 2]})()"
    )
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left", clickCount=1)
    detail = browser.js("(function(){var d=document.getElementById('detail'); return d.hidden ? null : d.innerText})()")
    assert detail is not None
    for shown in (fig.raw, "quantity", "money", "unit", "VND", f"trang {int(fig.page)}"):
        assert shown in detail
    title = browser.js(f"document.querySelector('[data-id=\"{fig.figure_id}\"]').title")
    assert "value: " in title and "scale: " in title  # the fields on hover too
    assert browser.js("document.getElementById('box').parentNode.dataset.page") == str(int(fig.page))
