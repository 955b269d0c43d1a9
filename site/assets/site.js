// Sortable tables: progressive enhancement. Without JavaScript the tables are complete and
// readable, and their header buttons are disabled (no control that does nothing); with it,
// the buttons are enabled and sort rows (mouse, Enter, Space), and aria-sort follows.
(function () {
  "use strict";
  function cellValue(row, index, type) {
    var cell = row.children[index];
    var raw = cell ? cell.getAttribute("data-value") : "";
    if (raw === null) raw = cell.textContent.trim();
    if (type === "number") return raw === "" ? null : parseFloat(raw);
    return raw.toLocaleLowerCase();
  }
  function sortBy(table, th) {
    var headerRow = th.parentNode;
    var index = Array.prototype.indexOf.call(headerRow.children, th);
    var type = th.getAttribute("data-type") || "text";
    var current = th.getAttribute("aria-sort");
    var preferred = th.getAttribute("data-direction") || "asc";
    var next;
    if (current === "ascending") next = "descending";
    else if (current === "descending") next = "ascending";
    else next = preferred === "desc" ? "descending" : "ascending";
    Array.prototype.forEach.call(headerRow.children, function (other) {
      if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", next);
    var sign = next === "ascending" ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row._order = i; });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      if (x === null && y === null) return a._order - b._order;
      if (x === null) return 1;  // missing scores always last
      if (y === null) return -1;
      if (x < y) return -sign;
      if (x > y) return sign;
      return a._order - b._order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function init() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
      Array.prototype.forEach.call(headerRow.children, function (th) {
        var button = th.querySelector("button");
        if (!button) return;
        button.disabled = false;
        if (!th.hasAttribute("aria-sort")) th.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () { sortBy(table, th); });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Opened from file:// (a downloaded or freshly built site), a link to a folder ("about/",
// "../") shows the folder's listing, not its page: a browser serves no index.html there. Links
// into the site are pointed at the folder's index.html, those written into the page and any a
// script adds later (read at the click); over http(s) nothing changes.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  function toIndex(a) {
    var href = (a.getAttribute("href") || "").replace(/[\t\n\r]/g, "").trim();  // as a browser reads it
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || /^[#?]/.test(href) || href.slice(0, 2) === "//") return;
    var parts = href.match(/^([^?#]*)(.*)$/), path = parts[1];
    if (path === "." || path === "..") path += "/";
    if (path.slice(-1) === "/") a.setAttribute("href", path + "index.html" + parts[2]);  // still relative
  }
  function all() { Array.prototype.forEach.call(document.querySelectorAll("a[href]"), toIndex); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
  document.addEventListener("click", function (event) {
    var a = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (a) toIndex(a);
  }, true);
})();
