// The compare chart of boards and the model list, loaded with the Vega bundle by board.js when
// a comparison is first drawn: the report chart's encoding (boarddata.compare_spec, chartspec.py)
// laid out for the panel's width as the report chart is for its column: groups of bars in rows
// (one panel per unit and direction), or on a phone, past two columns, turned sideways
// (chartspec.hbar_layers); sizes as chartspec.py's, no text under 10 px.
window.bbCompareChart = (() => {
  "use strict";
  var BREAK = "\u241f";
  function barPx(n, narrow) {
    return narrow ? (n <= 4 ? 18 : n <= 6 ? 14 : 11) : (n <= 4 ? 34 : n <= 6 ? 26 : n <= 9 ? 20 : 16);
  }
  // "GSM8K (acc)" in two lines; a board's column named with its report ("GSM8K (acc) in R1", boarddata.column_sources) in three
  function xKey(label) { return label.replace(/ \(([^()]*)\)(?: (in .+))?$/, (m, metric, from) => BREAK + "(" + metric + ")" + (from ? BREAK + from : "")); }
  function ascii(json) { return json.replace(/[\u007f-\uffff]/g, c => "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4)); }
  // a title as a Vega expression (views/chartspec.safe_text): Vega stops on a title "constructor"
  function safe(lines) { return { expr: "[" + lines.map(l => "slice(" + ascii(JSON.stringify("_" + l)) + ", 1)").join(", ") + "]" }; }
  function wrap(text, width, size) {  // chartspec.wrap_lines: Vega does not wrap titles
    var per = Math.max(12, Math.floor(width / (6.6 * size / 12))), lines = [], line = "";
    text.split(/\s+/).filter(Boolean).forEach(w => {
      for (var i = 0; i < w.length; i += per) {
        var word = w.slice(i, i + per);
        if (line && line.length + 1 + word.length > per) { lines.push(line); line = word; } else line = line ? line + " " + word : word;
      }
    });
    return line ? lines.concat(line) : lines;
  }
  function layout(base, bars, names, fills, width, attr, fill) {
    // Vega sees keys ("c0", "m0"), never names: a model called "constructor" or holding U+2028
    // broke the chart; the label expressions read each key's text (Maps here, so no name
    // reaches Object.prototype either).
    var spec = JSON.parse(JSON.stringify(base)), meta = spec.usermeta, narrow = width < 640;
    var n = names.length, bar = barPx(n, narrow), present = new Set(bars.map(b => b[1]));
    var columns = meta.groups.reduce((all, g) => all.concat(g.columns), []);
    var ckey = new Map(columns.map((c, j) => [c, "c" + j])), mkey = new Map(names.map((m, i) => [m, "m" + i]));
    var keys = names.map(m => mkey.get(m)), labels = {};
    columns.forEach(c => { labels[ckey.get(c)] = xKey(c); });
    var sideways = narrow && meta.hlayers && present.size > 2;  // a phone: benchmarks down the side, as the report's phone chart
    var legendPx = sideways ? Math.max(80, width - 190) : narrow ? width - 40 : 0;  // a phone's legend: its labels end at the panel's edge
    names.forEach(m => { labels[mkey.get(m)] = legendPx ? apart(m, names, Math.floor(legendPx / 6.6)) : m; });
    // label: the shown value (Score.display, at its column's precision: views/boarddata), as
    // the table and the report chart show it; the tooltip says it too
    // an interval's ends as every page writes them (views/boarddata: model.interval_ends), never
    // rounded here: JavaScript rounds binary values, and a small interval read "50.0 to 50.0"
    spec.data.values = bars.map(([model, column, value, d, lo, hi, ends, label]) => ({ benchmark: ckey.get(column), model: mkey.get(model), value, lo, hi,
      // a bar that hangs below zero (an MCC) is labelled at zero, on the empty side, as the report chart's (chart/draw.py)
      low: lo, high: hi, label: label, label_y: hi === null ? Math.max(value, 0) : Math.max(value, 0, hi),
      tooltip: fill(attr(lo === null ? "tip" : "tip-interval"), { model, column, value: d, lo: ends && ends[0], hi: ends && ends[1] }) }));
    var longest = Math.max(...names.map(m => m.length)), legendW = narrow ? 0 : 44 + Math.min(longest * 6.6, 320);
    var rotate = n > 6 || Math.max(...bars.map(b => String(b[7]).length)) * 7 > bar + 4;
    var budget = Math.max(160, width - 16 - legendW) - 64;
    spec.vconcat = [];
    // one panel's layers: its columns in order along the band axis, the models within each, its
    // value axis (title, scale) and the colours; the same for upright and sideways bars
    function panel(source, g, shown, band, value, title) {
      var layers = JSON.parse(JSON.stringify(source));
      layers.forEach(layer => {
        var enc = layer.encoding;
        enc[band].sort = shown;
        enc[band + "Offset"].sort = keys;
        enc[value].title = g.title;
        enc[value].axis.title = safe(title);
        enc[value].scale = g.domain ? { domain: g.domain, clamp: true, nice: false, zero: false } : { zero: g.zero, nice: true };
        delete enc[value].axis.values;
        delete enc[value].axis.tickCount;
        if (enc.color) {
          enc.color.sort = keys;
          enc.color.scale = { domain: keys, range: fills };
          if (narrow) Object.assign(enc.color.legend, { orient: "top", columns: 1, direction: "vertical", labelLimit: 0 });
        }
      });
      return layers;
    }
    meta.groups.forEach(g => {
      var cols = g.columns.filter(c => present.has(c));
      if (!cols.length) return;
      if (sideways) {
        var rows = cols.map(c => ckey.get(c)), side = panel(meta.hlayers, g, rows, "y", "x", wrap(g.title, width - 150, 12));
        side.forEach(layer => {  // a value tick every ~45 px: "-0.4-0.2" ran together on a 150 px axis
          layer.encoding.y.axis.labelLimit = 110;
          layer.encoding.x.axis.tickCount = Math.max(2, Math.floor((width - 150) / 45));
        });
        spec.vconcat.push({ width: Math.max(120, width - 150), height: rows.length * (n * bar + 12),
          transform: [{ filter: { field: "benchmark", oneOf: rows } }], layer: side });
        return;
      }
      var group = Math.min(budget, Math.max(n * bar + 28, ...cols.map(c => Math.max(...xKey(c).split(BREAK).map(t => t.length)) * 6.6 + 14)));
      var per = Math.max(1, Math.floor(budget / group));
      for (var i = 0; i < cols.length; i += per) {
        var row = cols.slice(i, i + per).map(c => ckey.get(c)), layers = panel(meta.layers, g, row, "x", "y", [g.title]);
        layers.forEach(layer => {
          layer.encoding.x.axis.labelLimit = group;
          if (layer.encoding.text && rotate) Object.assign(layer.mark, { align: "left", angle: 270, baseline: "middle", dx: 3, dy: 0, fontSize: 10 });
        });
        spec.vconcat.push({ width: row.length * group, height: narrow ? 200 : 240,
          transform: [{ filter: { field: "benchmark", oneOf: row } }], layer: layers });
      }
    });
    delete spec.usermeta;
    if (spec.title) spec.title.text = safe(wrap(spec.title.text, width - 16, 15 * 1.1));  // never wider than the panel
    // each label expression reads an object literal of the keys' text (views/chartspec.inline_labels):
    // non-ASCII escaped (U+2028 ends a line in Vega's parser), each text behind a "_" the
    // expression slices off (Vega stops on a string constant "constructor")
    var marked = {};
    Object.keys(labels).forEach(k => { marked[k] = "_" + labels[k]; });
    var literal = "slice((" + ascii(JSON.stringify(marked)) + ")[datum.value], 1)";
    return JSON.parse(JSON.stringify(spec), (k, v) => k === "labelExpr" && typeof v === "string" ? v.split("bb_labels[datum.value]").join(literal) : v);
  }
  // a name cut to ``chars`` where it differs from the others (views/chartspec's distinct cuts):
  // two long names that share a prefix never read alike ("…2025-7-with-suffix", "…2025-3-…")
  function apart(name, names, chars) {
    if (name.length <= chars) return name;
    var at = Math.max(0, ...names.filter(o => o !== name).map(o => { var i = 0; while (i < o.length && o[i] === name[i]) i++; return i; }));
    var start = at < chars - 1 ? 0 : Math.min(at - chars + 3, name.length - chars + 1);
    var text = name.slice(start, start + chars - (start ? 2 : 1));
    return (start ? "…" : "") + text + (start + text.length < name.length ? "…" : "");
  }
  function hatches(fills, spare) {
    // the fills told apart (distinct), and the <pattern> of each hatched one, once a page (chartstyle.pattern_svg)
    fills = distinct(fills, spare || []);
    var ns = "http://www.w3.org/2000/svg", holder = document.getElementById("bb-hatches");
    if (!holder) {
      holder = document.createElementNS(ns, "svg");
      holder.id = "bb-hatches";
      holder.setAttribute("aria-hidden", "true");
      holder.setAttribute("style", "position:absolute;width:0;height:0;overflow:hidden");
      holder.appendChild(document.createElementNS(ns, "defs"));
      document.body.appendChild(holder);
    }
    fills.forEach(f => {
      var m = /^url\(#(bb-hatch-([0-9a-f]{6}))\)$/.exec(f);
      if (!m || document.getElementById(m[1])) return;
      var p = document.createElementNS(ns, "pattern"), r = document.createElementNS(ns, "rect"), l = document.createElementNS(ns, "path");
      p.id = m[1];
      p.setAttribute("patternUnits", "userSpaceOnUse"); p.setAttribute("width", "8"); p.setAttribute("height", "8");
      r.setAttribute("width", "8"); r.setAttribute("height", "8"); r.setAttribute("fill", "#" + m[2]);
      l.setAttribute("d", "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"); l.setAttribute("stroke", "#ffffff");
      l.setAttribute("stroke-opacity", "0.85"); l.setAttribute("stroke-width", "2.6");
      p.appendChild(r); p.appendChild(l);
      holder.firstChild.appendChild(p);
    });
    return fills;
  }

  function distinct(fills, spare) {
    // Models share a site style only when never drawn together; ticked together, each must be
    // told apart: a fill already taken goes to the first spare no ticked model has
    // (views/boarddata.spare_fills), so the legend maps every bar to one model.
    var taken = new Set();
    return fills.map(f => {
      if (taken.has(f)) f = spare.find(s => !taken.has(s) && fills.indexOf(s) < 0) || spare.find(s => !taken.has(s)) || f;
      taken.add(f);
      return f;
    });
  }

  return { layout, hatches };
})();
