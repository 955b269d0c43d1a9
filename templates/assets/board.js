// Leaderboard controls (search, filters, sort, compare, URL state, downloads) for boards and the
// model and benchmark lists: progressive enhancement over the full table. Values, ranks and
// verdicts come precomputed in the page's JSON (boarddata.py); list.js draws the model list's
// compare panel. A classic script: Chromium refuses type=module on file:// pages.
(() => {
  "use strict";
  var bundleUrl = new URL("vega/vega-bundle.js", document.currentScript.src).href;
  var chartUrl = new URL("compare-chart.js", document.currentScript.src).href;  // its layout, loaded with Vega
  var views = [], lastKey = null, loading = null;
  var KEYS = ["q", "min", "max", "sort", "order", "sel", "cmp"];

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (m, k) => k in values ? values[k] : m);
  }
  function el(tag, text) { var e = document.createElement(tag); if (text != null) e.textContent = text; return e; }
  function script(src) {
    return new Promise((resolve, reject) => {
      var tag = el("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }
  function loadBundle() {
    if (window.vegaEmbed && window.bbCompareChart) return Promise.resolve();
    return loading || (loading = Promise.all([window.vegaEmbed || script(bundleUrl), window.bbCompareChart || script(chartUrl)])
      .catch(e => { loading = null; throw e; }));
  }
  function csvField(value) {
    var s = value == null ? "" : String(value);
    // the same formula-safe rule as data.csv (render/data.py csv_safe), for the text before and
    // after each ; tab or line break; a plain number (-3.2) keeps its sign
    s = s.split(/([;\t\r\n])/).map((piece, i) => i % 2 || !/^[=+\-@]/.test(piece) ||
      /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(piece) ? piece : "'" + piece).join("");
    if (/^[\t\r]/.test(s)) s = "'" + s;
    return /[",;\t\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;  // ; and tab: other locales split there
  }
  function download(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function setup(root, n) {
    var data = JSON.parse(root.querySelector(".bb-data").textContent);
    var target = document.getElementById(root.dataset.target);
    if (!target) return;
    var board = data.kind === "board", prefix = n ? "b" + (n + 1) + "." : "", def = board ? "rank" : "model";
    var items = target.tBodies[0].rows;
    var rows = data.rows.map((r, i) => {
      r.el = items[i]; r.i = i;
      r.hay = [r.name].concat(r.aliases).join("\n").toLocaleLowerCase();
      return r;
    });
    var byName = Object.create(null);  // sel= is from the URL
    rows.forEach(r => byName[r.name] = r);
    var fields = [...root.querySelectorAll(".bb-field[data-key]")].map(f => f.getAttribute("data-key"));
    var search = root.querySelector("input[type=search]");
    var min = root.querySelector("input[name=min]"), max = root.querySelector("input[name=max]");
    var count = root.querySelector(".bb-count"), status = root.querySelector(".bb-status");
    var panel = root.querySelector(".bb-compare"), cmpButton = root.querySelector("[data-act=compare]");
    var attr = k => root.getAttribute("data-" + k), verdicts = JSON.parse(attr("verdicts"));
    var state, headers = [], boxes = {}, drawn = null;

    var headRow = target.tHead.rows[target.tHead.rows.length - 1];
    [...headRow.children].forEach((th, i) => {
      var key = data.keys[i];
      headers.push({ th, key, first: th.dataset.direction || "asc" });
      // Capture phase: runs before site.js's sorter on the button, and stops it.
      th.addEventListener("click", e => {
        if (!e.target.closest("button")) return;
        e.stopPropagation();
        var same = (state.sort || def) === key, order = state.order || "asc";
        state.sort = key;
        state.order = same ? (order === "asc" ? "desc" : "asc") : headers[i].first;
        if (key === def && state.order === "asc") state.sort = state.order = null;
        change("sort");
      }, true);
    });
    if (panel) {
      var head = el("th");
      head.scope = "col";
      head.appendChild(el("span", attr("pick"))).className = "visually-hidden";
      headRow.prepend(head);
      rows.forEach(r => {
        var cell = el("td"), box = el("input");
        box.type = "checkbox";
        box.className = "bb-pick";
        box.setAttribute("aria-label", fill(attr("select"), { name: r.name }));
        box.addEventListener("change", () => {
          state.sel = box.checked ? state.sel.concat(r.name) : state.sel.filter(s => s !== r.name);
          if (state.sel.length < 2) state.cmp = false;
          change("sel");
        });
        boxes[r.name] = box;
        cell.appendChild(box);
        r.el.prepend(cell);
      });
    }

    var value = (r, key) => r.c[data.keys.indexOf(key)];  // sort values from Python: null sorts last
    function matches(r) {
      var q = state.q.trim().toLocaleLowerCase();
      if (q && !r.hay.includes(q)) return false;
      for (var k in state.f) if (state.f[k].length && !state.f[k].includes(r[k])) return false;
      if (state.min !== "" && !(r.size != null && r.size >= +state.min)) return false;
      if (state.max !== "" && !(r.size != null && r.size <= +state.max)) return false;
      return true;
    }
    function ordered() {  // unsorted: the page's order (board rank, or list name)
      var key = state.sort, sign = state.order === "desc" ? -1 : 1;
      return !key ? rows.slice() : rows.slice().sort((a, b) => {
        var x = value(a, key), y = value(b, key);
        if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;  // missing last
        return x < y ? -sign : x > y ? sign : a.i - b.i;  // equal values keep board order
      });
    }
    var visible = () => ordered().filter(matches), placed = "";

    function apply() {
      var all = ordered(), shown = all.filter(matches), on = new Set(shown), order = all.map(r => r.i).join();
      if (order !== placed) all.forEach(r => r.el.parentNode.appendChild(r.el));  // moves rows only for a new order
      placed = order;
      rows.forEach(r => { if (r.el.hidden === on.has(r)) r.el.hidden = !r.el.hidden; });
      count.textContent = fill(attr("count"), { shown: shown.length, total: rows.length });
      search.value = state.q;
      if (min) { min.value = state.min; max.value = state.max; }
      root.querySelectorAll(".bb-field[data-key] input").forEach(box => {
        box.checked = (state.f[box.name] || []).includes(box.value);
      });
      headers.forEach(h => {
        var sorted = (state.sort || def) === h.key;
        h.th.setAttribute("aria-sort", sorted ? (state.order === "desc" ? "descending" : "ascending") : "none");
      });
      if (!panel) return;
      var full = state.sel.length >= 8;
      rows.forEach(r => {
        var box = boxes[r.name];
        box.checked = state.sel.includes(r.name);
        box.disabled = full && !box.checked;
        box.title = box.disabled ? attr("too-many") : "";
      });
      root.querySelector(".bb-selected").textContent = state.sel.length;
      cmpButton.disabled = state.sel.length < 2;
      cmpButton.setAttribute("aria-expanded", String(state.cmp));
      panel.hidden = !state.cmp;
      if (state.cmp) compare();
    }

    function gap(code, x, y, p, a, b) {  // the difference of the shown values, and the verdict
      var word = fill(verdicts[code], { a, b }), d = (x - y).toFixed(p);
      return code === "n" ? word : (d > 0 ? "+" : "") + d + " (" + word + ")";
    }
    function draw(chart, spec, bars, names, fills) {  // bars: [model, column, value, shown, lo, hi, [low, high] as written, label]
      var key = chart.key = names.join("\n");
      chart.textContent = chart.getAttribute("data-loading");
      loadBundle().then(() => {
        if (chart.key !== key) return null;
        chart.textContent = "";
        var cc = window.bbCompareChart;
        fills = cc.hatches(fills, data.spare);
        return window.vegaEmbed(chart, cc.layout(spec, bars, names, fills, chart.clientWidth || 320, attr, fill), { renderer: "svg", actions: false, tooltip: true });
      }).catch(() => {
        drawn = null;
        chart.textContent = chart.getAttribute("data-failed");
      });
    }

    function compare() {
      var chosen = state.sel.map(s => byName[s]).sort((a, b) => a.i - b.i);
      var names = chosen.map(r => r.name), key = names.join("\n");
      root.querySelector(".bb-compare-names").textContent = names.join(", ");
      if (drawn === key) return;
      drawn = key;
      if (!board) return window.bbList({ panel, data, chosen, el, fill, gap, draw, attr });
      var table = panel.querySelector(".bb-gaps"), body = table.tBodies[0] || table.createTBody(), headRow = table.tHead.rows[0];
      table.parentNode.hidden = !data.pairs;
      panel.querySelector(".bb-no-pairs").hidden = !!data.pairs;
      while (headRow.children.length > 1) headRow.lastChild.remove();
      data.columns.concat(data.aggregate).forEach(label => headRow.appendChild(el("th", label)).scope = "col");
      body.textContent = "";
      chosen.forEach((a, x) => {
        chosen.slice(x + 1).forEach(b => {
          var tr = body.insertRow(), th = el("th", fill(attr("pair"), { a: a.name, b: b.name })), at = a.i * (2 * rows.length - a.i - 1) / 2 + b.i - a.i - 1;
          th.scope = "row";
          tr.appendChild(th);
          (data.pairs || []).forEach((letters, k) => {
            var col = k < a.v.length;
            tr.insertCell().textContent = gap(letters[at], col ? a.v[k] : a.agg, col ? b.v[k] : b.agg, data.precision[k], a.name, b.name);
          });
        });
      });
      var bars = [];
      chosen.forEach(r => data.columns.forEach((label, k) => {
        if (r.v[k] !== null) bars.push([r.name, label, r.v[k], r.d[k], r.lo[k], r.hi[k], r.it[k], r.d[k]]);
      }));
      draw(panel.querySelector(".bb-chart"), data.spec, bars, names, chosen.map(r => data.fills[r.s]));
    }

    function read(params) {
      state = { f: {}, sort: null, order: null };
      var get = k => params.get(prefix + k) || "";
      state.q = get("q");
      state.min = isFinite(parseFloat(get("min"))) ? get("min") : "";
      state.max = isFinite(parseFloat(get("max"))) ? get("max") : "";
      fields.forEach(k => state.f[k] = params.getAll(prefix + k));
      var keys = headers.map(h => h.key);
      if (keys.includes(get("sort"))) { state.sort = get("sort"); state.order = get("order") === "desc" ? "desc" : "asc"; }
      state.sel = params.getAll(prefix + "sel").filter((s, i, all) => byName[s] && all.indexOf(s) === i).slice(0, 8);
      state.cmp = !!panel && get("cmp") === "1" && state.sel.length >= 2;
    }
    function write(params) {
      KEYS.concat(fields).forEach(k => params.delete(prefix + k));
      var set = (k, v) => { if (v) params.set(prefix + k, v); };
      set("q", state.q);
      fields.forEach(k => { (state.f[k] || []).forEach(v => params.append(prefix + k, v)); });
      set("min", state.min);
      set("max", state.max);
      set("sort", state.sort);
      set("order", state.sort && state.order);
      state.sel.forEach(s => params.append(prefix + "sel", s));
      set("cmp", state.cmp && "1");
    }
    function change(key, typing) {
      apply();
      save(prefix + key, typing);
    }

    function exportRows() {  // the visible rows, in their order, as shown
      return {
        header: board ? ["rank", "model", "family", "params", "open_weights"].concat(data.columns, data.aggregate, "coverage") : data.fields,
        lines: visible().map(r => board ? [r.rank, r.name, r.family, r.params, r.open_weights].concat(r.d, r.aggd, r.cov) : data.fields.map(f => r[f]))
      };
    }

    search.addEventListener("input", () => { state.q = search.value; change("q", true); });
    [min, max].forEach(input => {
      if (input) input.addEventListener("input", () => {
        state[input.name] = input.value;  // "" while not a number
        change(input.name, true);
      });
    });
    root.querySelectorAll(".bb-field[data-key] input").forEach(box => {
      box.addEventListener("change", () => {
        var list = (state.f[box.name] || []).filter(v => v !== box.value);
        state.f[box.name] = box.checked ? list.concat(box.value) : list;
        change(box.name);
      });
    });
    root.addEventListener("click", e => {
      var act = e.target.closest("[data-act]");
      act = act && act.getAttribute("data-act");
      if (act === "clear") { state.q = state.min = state.max = ""; state.f = {}; change("q"); }
      if (act === "compare") { state.cmp = !state.cmp; change("cmp"); if (state.cmp) panel.focus(); }
      if (act === "close") { state.cmp = false; change("cmp"); cmpButton.focus(); }
      if (act === "copy") copyLink(status, attr("copied"));
      if (act === "csv" || act === "json") {
        var out = exportRows(), name = root.id.replace(/-controls$/, "");
        if (act === "csv") {
          download(name + ".csv", "text/csv", [out.header].concat(out.lines).map(l => l.map(csvField).join(",")).join("\n") + "\n");
        } else {
          var objects = out.lines.map(l => { var o = {}; out.header.forEach((h, i) => o[h] = l[i] === undefined ? null : l[i]); return o; });
          download(name + ".json", "application/json", JSON.stringify({ title: data.title, view: location.search, rows: objects }, null, 2) + "\n");
        }
      }
    });
    var details = root.querySelector(".bb-filters"), tools = root.querySelector(".bb-tools");
    tools.open = window.matchMedia("(min-width: 48em)").matches;  // folded on a phone
    details.open = !board && tools.open;
    root.hidden = false;
    views.push({ read, write, apply });
    read(new URLSearchParams(location.search));
    if (state.q || state.min || state.max || fields.some(k => state.f[k].length)) details.open = tools.open = true;
    apply();
  }

  function save(key, typing) {
    var params = new URLSearchParams(location.search);
    views.forEach(v => v.write(params));
    var query = params.toString() && "?" + params, url = (query || location.pathname) + location.hash;
    var coalesce = typing && lastKey === key;  // one history entry per search, not per key
    lastKey = typing ? key : null;
    if (query === location.search) return;
    try { history[coalesce ? "replaceState" : "pushState"](null, "", url); } catch (e) { /* refused */ }
  }
  function copyLink(status, done) {
    var url = location.href, show = text => status.textContent = text;
    // Without clipboard access the link is shown, to copy by hand.
    (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).then(() => show(done), () => show(url));
  }

  function init() {
    document.querySelectorAll(".bb-controls").forEach(setup);
    window.addEventListener("popstate", () => {
      var params = new URLSearchParams(location.search);
      lastKey = null;
      views.forEach(v => { v.read(params); v.apply(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
