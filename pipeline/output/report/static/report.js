/* baocao report: sorting and filtering on the index; on a document page, selecting a row shows its
   fields and its box on the page image, and a click on a page image selects the row under it.
   Plain script, no library, nothing fetched: the report works from file:// offline. */
(function () {
  "use strict";

  /* ------------------------------------------------------------ index */
  function initIndex(table) {
    var tbody = table.tBodies[0];
    var filter = document.getElementById("filter");
    var onlyFailed = document.getElementById("only-failed");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var num = th.dataset.type === "num";
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          var r = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "vi");
          return asc ? r : -r;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    function apply() {
      var q = filter.value.toLowerCase();
      Array.prototype.forEach.call(tbody.rows, function (r) {
        var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        if (onlyFailed.checked && r.dataset.failed === "0") { hit = false; }
        r.classList.toggle("hidden", !hit);
      });
    }
    filter.addEventListener("input", apply);
    onlyFailed.addEventListener("change", apply);
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" && document.activeElement !== filter) { e.preventDefault(); filter.focus(); }
    });
  }

  /* ------------------------------------------------------------ document */
  var TABLES = { f: "số liệu", d: "ngày tháng", r: "dẫn chiếu", e: "tên riêng" };

  function initDocument() {
    var data = null;
    function rows() {  /* parsed on first use: the page shows before the rows of a long report are read */
      if (!data) { data = JSON.parse(document.getElementById("rows").textContent); }
      return data;
    }
    var text = document.getElementById("text");
    var pages = document.getElementById("pages");
    var detail = document.getElementById("detail");
    var box = document.createElement("div");
    box.className = "box";
    box.id = "box";
    var selected = null;
    var order = null;
    var failed = Array.prototype.slice.call(document.querySelectorAll(".check.fail"));
    var failedAt = -1;

    function esc(s) {
      return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
    }

    function showDetail(id, row, el) {
      var html = "<div class=\"raw\">" + esc(el.textContent) + "</div><div>" + esc(TABLES[id.charAt(0)] || "") + " " +
        esc(id) + (row.p ? " · trang " + row.p : "") + "</div><table>";
      Object.keys(row.f).forEach(function (k) { html += "<tr><td>" + esc(k) + "</td><td>" + esc(row.f[k]) + "</td></tr>"; });
      html += "</table>";
      if (row.c) { html += "<div>kiểm tra: " + row.c.map(esc).join(", ") + "</div>"; }
      if (el.classList.contains("low")) { html += "<div class=\"bad\">OCR: độ tin cậy thấp, đối chiếu với ảnh trang</div>"; }
      detail.innerHTML = html;
      detail.hidden = false;
    }

    function select(id, from) {
      var el = text.querySelector("[data-id=\"" + id + "\"]");
      var row = rows()[id];
      if (!el || !row) { return; }
      if (selected) { selected.classList.remove("sel"); }
      selected = el;
      el.classList.add("sel");
      showDetail(id, row, el);
      if (from !== "text") { el.scrollIntoView({ block: "center" }); }
      document.querySelectorAll(".check.current").forEach(function (c) { c.classList.remove("current"); });
      (row.c || []).forEach(function (c) { var li = document.getElementById(c); if (li) { li.classList.add("current"); } });
      var fig = row.p && pages ? document.getElementById("page-" + row.p) : null;
      if (fig && row.b) {
        box.style.left = row.b[0] + "%";
        box.style.top = row.b[1] + "%";
        box.style.width = Math.max(0.3, row.b[2] - row.b[0]) + "%";
        box.style.height = Math.max(0.3, row.b[3] - row.b[1]) + "%";
        box.dataset.id = id;
        fig.appendChild(box);
        if (from !== "page") {
          var top = fig.offsetTop + fig.offsetHeight * row.b[1] / 100 - pages.clientHeight / 3;
          pages.scrollTop = Math.max(0, top);
        }
      } else if (box.parentNode) {
        box.parentNode.removeChild(box);
      }
      if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    }

    text.addEventListener("click", function (e) {
      var el = e.target.closest(".hl");
      if (el) { select(el.dataset.id, "text"); }
    });
    text.addEventListener("mouseover", function (e) {
      var el = e.target.closest(".hl");
      var row = el && !el.title ? rows()[el.dataset.id] : null;
      if (row) {
        el.title = (TABLES[el.dataset.id.charAt(0)] || "") + " " + el.dataset.id + "\n" +
          Object.keys(row.f).map(function (k) { return k + ": " + row.f[k]; }).join("\n");
      }
    });
    if (pages) {
      pages.addEventListener("click", function (e) {
        var fig = e.target.closest(".page");
        if (!fig) { return; }
        var r = fig.getBoundingClientRect();
        var x = (e.clientX - r.left) / r.width * 100, y = (e.clientY - r.top) / r.height * 100;
        var page = Number(fig.dataset.page), best = null, area = Infinity, all = rows();
        Object.keys(all).forEach(function (id) {
          var b = all[id].b;
          if (all[id].p !== page || !b) { return; }
          if (x >= b[0] - 0.3 && x <= b[2] + 0.3 && y >= b[1] - 0.3 && y <= b[3] + 0.3) {
            var a = (b[2] - b[0]) * (b[3] - b[1]);
            if (a < area) { area = a; best = id; }
          }
        });
        if (best) { select(best, "page"); }
      });
    }
    document.querySelectorAll("[data-goto]").forEach(function (a) {
      a.addEventListener("click", function (e) { e.preventDefault(); select(a.dataset.goto, "check"); });
    });
    document.addEventListener("keydown", function (e) {
      if (e.target.tagName === "INPUT") { return; }
      if (e.key === "Escape") {
        if (selected) { selected.classList.remove("sel"); selected = null; }
        detail.hidden = true;
        if (box.parentNode) { box.parentNode.removeChild(box); }
      } else if (e.key === "j" || e.key === "k") {
        order = order || Array.prototype.slice.call(text.querySelectorAll(".hl.fig"));
        var i = selected ? order.indexOf(selected) : -1;
        i = e.key === "j" ? Math.min(order.length - 1, i + 1) : Math.max(0, i - 1);
        if (order[i]) { select(order[i].dataset.id, "key"); }
      } else if (e.key === "f" && failed.length) {
        failedAt = (failedAt + 1) % failed.length;
        var ids = failed[failedAt].dataset.figures.split(" ");
        failed[failedAt].scrollIntoView({ block: "nearest" });
        if (ids[0]) { select(ids[0], "check"); }
      }
    });
    var wanted = decodeURIComponent(location.hash.slice(1));
    if (/^[fdre]\d+$/.test(wanted)) { select(wanted, "hash"); }
    window.baocao = { select: select, rows: rows };
  }

  var table = document.getElementById("docs");
  if (table) { initIndex(table); }
  if (document.getElementById("rows")) { initDocument(); }
})();
