// Leaderboard controls: search, filters, sort, compare, shareable URL, downloads. Progressive
// enhancement: without JavaScript the full table is the page and these controls stay hidden.
// Every value, rank (tie class) and pairwise verdict comes precomputed from the page's JSON
// (boarddata.py); this script only filters, orders, selects and formats. A classic deferred
// script, not type=module: Chromium refuses module scripts from file:// pages.
(function () {
  "use strict";
  var bundleUrl = new URL("vega/vega-bundle.js", document.currentScript.src).href;
  var views = [], lastKey = null, loading = null;
  var KEYS = ["q", "min", "max", "sort", "order", "sel", "cmp"];

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function el(tag, text) { var e = document.createElement(tag); if (text != null) e.textContent = text; return e; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function loadBundle() {
    if (window.vegaEmbed) return Promise.resolve();
    return loading || (loading = new Promise(function (resolve, reject) {
      var tag = el("script");
      tag.src = bundleUrl;
      tag.onload = resolve;
      tag.onerror = function () { loading = null; reject(new Error(bundleUrl)); };
      document.head.appendChild(tag);
    }));
  }
  function csvField(value) {
    var s = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // the same formula-safe rule as data.csv
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function download(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function setup(root, n) {
    var data = JSON.parse(root.querySelector(".bb-data").textContent);
    var target = document.getElementById(root.getAttribute("data-target"));
    if (!target) return;
    var board = data.kind === "board", prefix = n ? "b" + (n + 1) + "." : "";
    var items = board ? target.tBodies[0].rows : target.children;
    var rows = data.rows.map(function (r, i) {
      r.el = items[i]; r.i = i;
      r.hay = [r.name].concat(r.aliases).join("\n").toLocaleLowerCase();
      return r;
    });
    var byName = {};
    rows.forEach(function (r) { byName[r.name] = r; });
    var fields = [].map.call(root.querySelectorAll(".bb-field[data-key]"), function (f) { return f.getAttribute("data-key"); });
    var search = root.querySelector("input[type=search]");
    var min = root.querySelector("input[name=min]"), max = root.querySelector("input[name=max]");
    var count = root.querySelector(".bb-count"), status = root.querySelector(".bb-status");
    var panel = root.querySelector(".bb-compare"), compareButton = root.querySelector("[data-act=compare]");
    var verdicts = JSON.parse(root.getAttribute("data-verdicts"));
    var state, headers = [], boxes = {}, drawn = null;

    function blank() { return { q: "", f: {}, min: "", max: "", sort: null, order: null, sel: [], cmp: false }; }

    if (board) {
      var headRow = target.tHead.rows[target.tHead.rows.length - 1];
      each(headRow.children, function (th, i) {
        var c = data.columns.length;
        var key = i === 0 ? "rank" : i === 1 ? "model" : i === 2 ? "family" : i < 3 + c ? "c" + (i - 3) : i === 3 + c ? "agg" : "cov";
        headers.push({ th: th, key: key, first: th.getAttribute("data-direction") === "desc" ? "desc" : "asc" });
        // Capture phase: this handler runs before the generic table sorter's (site.js) on the button.
        th.addEventListener("click", function (e) {
          if (!e.target.closest("button")) return;
          e.stopPropagation();
          var same = (state.sort || "rank") === key, order = state.order || "asc";
          state.sort = key;
          state.order = same ? (order === "asc" ? "desc" : "asc") : headers[i].first;
          if (key === "rank" && state.order === "asc") state.sort = state.order = null;
          change("sort");
        }, true);
      });
      var head = el("th");
      head.scope = "col";
      head.appendChild(el("span", "Compare")).className = "visually-hidden";
      headRow.insertBefore(head, headRow.firstChild);
      rows.forEach(function (r) {
        var cell = el("td"), box = el("input");
        box.type = "checkbox";
        box.className = "bb-pick";
        box.setAttribute("aria-label", fill(root.getAttribute("data-select"), { name: r.name }));
        box.addEventListener("change", function () {
          state.sel = box.checked ? state.sel.concat(r.name) : state.sel.filter(function (s) { return s !== r.name; });
          if (state.sel.length < 2) state.cmp = false;
          change("sel");
        });
        boxes[r.name] = box;
        cell.className = "bb-pick-cell";
        cell.appendChild(box);
        r.el.insertBefore(cell, r.el.firstChild);
      });
    }

    function value(r, key) {
      if (key === "rank") return r.ranked ? r.i : null;
      if (key === "model") return r.name.toLocaleLowerCase();
      if (key === "family") return r.family.toLocaleLowerCase();
      if (key === "agg") return r.agg;
      if (key === "cov") return parseInt(r.cov, 10);
      return r.v[+key.slice(1)];
    }
    function matches(r) {
      var q = state.q.trim().toLocaleLowerCase();
      if (q && r.hay.indexOf(q) < 0) return false;
      for (var k in state.f) if (state.f[k].length && state.f[k].indexOf(r[k]) < 0) return false;
      if (state.min !== "" && !(r.size != null && r.size >= +state.min)) return false;
      if (state.max !== "" && !(r.size != null && r.size <= +state.max)) return false;
      return true;
    }
    function visible() {
      var key = state.sort || "rank", sign = state.order === "desc" ? -1 : 1;
      return rows.filter(matches).sort(function (a, b) {
        var x = value(a, key), y = value(b, key);
        if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;  // missing last
        return x < y ? -sign : x > y ? sign : a.i - b.i;  // equal values keep board order
      });
    }

    function apply() {
      var shown = visible(), parent = board ? target.tBodies[0] : target;
      var on = {};
      shown.forEach(function (r) { on[r.i] = true; parent.appendChild(r.el); r.el.hidden = false; });
      rows.forEach(function (r) { if (!on[r.i]) { parent.appendChild(r.el); r.el.hidden = true; } });
      count.textContent = fill(root.getAttribute("data-count"), { shown: shown.length, total: rows.length });
      search.value = state.q;
      if (min) { min.value = state.min; max.value = state.max; }
      each(root.querySelectorAll(".bb-field[data-key] input"), function (box) {
        box.checked = (state.f[box.name] || []).indexOf(box.value) >= 0;
      });
      headers.forEach(function (h) {
        var sorted = (state.sort || "rank") === h.key;
        h.th.setAttribute("aria-sort", sorted ? (state.order === "desc" ? "descending" : "ascending") : "none");
      });
      if (!board) return shown;
      var full = state.sel.length >= 8;
      rows.forEach(function (r) {
        var box = boxes[r.name];
        box.checked = state.sel.indexOf(r.name) >= 0;
        box.disabled = full && !box.checked;
        box.title = box.disabled ? root.getAttribute("data-too-many") : "";
      });
      root.querySelector(".bb-selected").textContent = state.sel.length;
      compareButton.disabled = state.sel.length < 2;
      compareButton.setAttribute("aria-expanded", String(state.cmp));
      panel.hidden = !state.cmp;
      if (state.cmp) compare();
      return shown;
    }

    function compare() {
      var chosen = state.sel.map(function (s) { return byName[s]; }).sort(function (a, b) { return a.i - b.i; });
      var names = chosen.map(function (r) { return r.name; });
      root.querySelector(".bb-compare-names").textContent = names.join(", ");
      var table = panel.querySelector(".bb-gaps"), body = table.tBodies[0], headRow = table.tHead.rows[0];
      table.parentNode.hidden = !data.pairs;
      panel.querySelector(".bb-no-pairs").hidden = !!data.pairs;
      while (headRow.children.length > 1) headRow.lastChild.remove();
      data.columns.concat(data.aggregate).forEach(function (label) { headRow.appendChild(el("th", label)).scope = "col"; });
      body.textContent = "";
      chosen.forEach(function (a, x) {
        chosen.slice(x + 1).forEach(function (b) {
          var tr = body.insertRow(), th = el("th", a.name + " vs " + b.name);
          th.scope = "row";
          tr.appendChild(th);
          ((data.pairs || {})[a.i + "," + b.i] || []).forEach(function (gap) {
            var word = fill(verdicts[gap[1]], { a: a.name, b: b.name });
            var td = tr.insertCell();
            td.textContent = gap[0] === null ? word : gap[0] + " (" + word + ")";
            td.setAttribute("data-verdict", gap[1]);
          });
        });
      });
      var key = names.join("\n");
      if (drawn === key) return;
      drawn = key;
      var chart = panel.querySelector(".bb-chart"), spec = JSON.parse(JSON.stringify(data.spec));
      var values = [];
      chosen.forEach(function (r) {
        data.columns.forEach(function (label, k) {
          if (r.v[k] === null) return;
          var interval = r.lo[k] === null ? "" : " (95% interval " + r.lo[k].toPrecision(4) + " to " + r.hi[k].toPrecision(4) + ")";
          values.push({ column: label, model: r.name, value: r.v[k], lo: r.lo[k], hi: r.hi[k], tooltip: r.name + " — " + label + ": " + r.d[k] + interval });
        });
      });
      spec.data.values = values;
      (spec.spec || spec).layer.forEach(function (layer) {
        layer.encoding.xOffset.sort = names;
        if (layer.encoding.color) { layer.encoding.color.sort = names; layer.encoding.color.scale.domain = names; }
      });
      chart.textContent = chart.getAttribute("data-loading");
      loadBundle().then(function () {
        if (drawn !== key) return null;
        chart.textContent = "";
        return window.vegaEmbed(chart, spec, { renderer: "svg", actions: false, tooltip: true });
      }).catch(function () {
        drawn = null;
        chart.textContent = chart.getAttribute("data-failed");
      });
    }

    function read(params) {
      state = blank();
      var get = function (k) { return params.get(prefix + k) || ""; };
      state.q = get("q");
      state.min = isFinite(parseFloat(get("min"))) ? get("min") : "";
      state.max = isFinite(parseFloat(get("max"))) ? get("max") : "";
      fields.forEach(function (k) { state.f[k] = params.getAll(prefix + k); });
      var keys = headers.map(function (h) { return h.key; });
      if (keys.indexOf(get("sort")) >= 0) { state.sort = get("sort"); state.order = get("order") === "desc" ? "desc" : "asc"; }
      state.sel = params.getAll(prefix + "sel").filter(function (s, i, all) { return byName[s] && all.indexOf(s) === i; }).slice(0, 8);
      state.cmp = board && get("cmp") === "1" && state.sel.length >= 2;
    }
    function write(params) {
      KEYS.concat(fields).forEach(function (k) { params.delete(prefix + k); });
      var set = function (k, v) { if (v) params.set(prefix + k, v); };
      set("q", state.q);
      fields.forEach(function (k) { (state.f[k] || []).forEach(function (v) { params.append(prefix + k, v); }); });
      set("min", state.min);
      set("max", state.max);
      set("sort", state.sort);
      set("order", state.sort && state.order);
      state.sel.forEach(function (s) { params.append(prefix + "sel", s); });
      set("cmp", state.cmp ? "1" : "");
    }
    function change(key, typing) {
      apply();
      save(prefix + key, typing);
    }

    function exportRows() {
      var shown = visible();
      var header = board ? ["rank", "model", "family", "params", "open_weights"].concat(data.columns, data.aggregate, "coverage") : data.fields;
      var lines = shown.map(function (r) {
        if (!board) return data.fields.map(function (f) { return r[f]; });
        return [r.rank, r.name, r.family, r.params, r.open_weights].concat(r.d, r.aggd, r.cov);
      });
      return { header: header, lines: lines, shown: shown };
    }

    search.addEventListener("input", function () { state.q = search.value; change("q", true); });
    [min, max].forEach(function (input) {
      if (input) input.addEventListener("input", function () {
        state[input.name] = input.value === "" || isFinite(parseFloat(input.value)) ? input.value : "";
        change(input.name, true);
      });
    });
    each(root.querySelectorAll(".bb-field[data-key] input"), function (box) {
      box.addEventListener("change", function () {
        var list = (state.f[box.name] || []).filter(function (v) { return v !== box.value; });
        state.f[box.name] = box.checked ? list.concat(box.value) : list;
        change(box.name);
      });
    });
    root.addEventListener("click", function (e) {
      var act = e.target.closest("[data-act]");
      act = act && act.getAttribute("data-act");
      if (act === "clear") { state.q = state.min = state.max = ""; state.f = {}; change("q"); }
      if (act === "compare") { state.cmp = !state.cmp; change("cmp"); if (state.cmp) panel.focus(); }
      if (act === "close") { state.cmp = false; change("cmp"); compareButton.focus(); }
      if (act === "copy") copyLink(status, root.getAttribute("data-copied"));
      if (act === "csv" || act === "json") {
        var out = exportRows(), name = root.id.replace(/-controls$/, "");
        if (act === "csv") {
          download(name + ".csv", "text/csv", [out.header].concat(out.lines).map(function (l) { return l.map(csvField).join(","); }).join("\n") + "\n");
        } else {
          var objects = out.lines.map(function (l) { var o = {}; out.header.forEach(function (h, i) { o[h] = l[i] === undefined ? null : l[i]; }); return o; });
          download(name + ".json", "application/json", JSON.stringify({ title: data.title, view: location.search, rows: objects }, null, 2) + "\n");
        }
      }
    });
    if (panel) panel.tabIndex = -1;
    var details = root.querySelector("details");
    details.open = window.matchMedia("(min-width: 48em)").matches;
    root.hidden = false;
    views.push({ read: read, write: write, apply: apply, state: function () { return state; } });
    read(new URLSearchParams(location.search));
    if (state.q || state.min || state.max || fields.some(function (k) { return state.f[k].length; })) details.open = true;
    apply();
  }

  function save(key, typing) {
    var params = new URLSearchParams(location.search);
    views.forEach(function (v) { v.write(params); });
    var query = params.toString(), url = (query ? "?" + query : location.pathname) + location.hash;
    var coalesce = typing && lastKey === key;  // one history entry per search, not per keystroke
    lastKey = typing ? key : null;
    if ("?" + query === location.search || (!query && !location.search)) return;
    try { history[coalesce ? "replaceState" : "pushState"](null, "", url); } catch (e) { /* a browser refusing history on file:// */ }
  }
  function copyLink(status, done) {
    var finish = function () { status.textContent = done; setTimeout(function () { status.textContent = ""; }, 3000); };
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(location.href).then(finish, fallback);
    fallback();
    function fallback() {
      var area = el("textarea");
      area.value = location.href;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); finish(); } catch (e) { status.textContent = location.href; }
      area.remove();
    }
  }

  function init() {
    each(document.querySelectorAll(".bb-controls"), setup);
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(location.search);
      lastKey = null;
      views.forEach(function (v) { v.read(params); v.apply(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
