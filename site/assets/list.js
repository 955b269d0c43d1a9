// The model list's compare panel, called by board.js (loaded after this, on the model list
// only). Scores are compared only within one report (one run): a section per report that scores
// two or more of the ticked models on a benchmark, with its chart and the report page's own
// verdicts, precomputed in the page data (boarddata.list_compare). No statistics here.
window.bbList = ({ panel, data, chosen, el, fill, gap, draw, attr }) => {
  var groups = panel.querySelector(".bb-groups"), alone = panel.querySelector(".bb-alone");
  var part = panel.querySelector("template.bb-group").content.firstElementChild, met = new Set();
  groups.textContent = "";
  data.reports.forEach((rep, g) => {
    var here = chosen.map(r => [r, rep.m.indexOf(r.i)]).filter(x => x[1] >= 0).sort((x, y) => x[1] - y[1]);
    var cols = rep.columns.map((_, k) => k).filter(k => here.filter(([, i]) => rep.v[i][k] !== null).length >= 2);
    if (!cols.length) return;  // fewer than two of them scored on any one benchmark here
    var sec = part.cloneNode(true), table = sec.querySelector("table"), link = sec.querySelector(".bb-report");
    var n = rep.m.length, bars = [], names = [];
    link.textContent = rep.title;
    link.href = rep.href;
    sec.querySelector(".bb-report-comparisons").href = rep.href + "#comparisons";
    table.caption.id = panel.id + "-gaps-" + g;
    table.parentNode.setAttribute("aria-labelledby", table.caption.id);
    table.parentNode.hidden = !rep.pairs;
    sec.querySelector(".bb-no-pairs").hidden = !!rep.pairs;
    cols.forEach(k => { table.tHead.rows[0].appendChild(el("th", rep.columns[k])).scope = "col"; });
    here.forEach(([a, i], x) => {
      cols.forEach(k => {
        if (rep.v[i][k] === null) return;
        bars.push([a.name, rep.columns[k], rep.v[i][k], rep.d[i][k], rep.lo[i][k], rep.hi[i][k], rep.it[i][k], rep.d[i][k]]);
        if (!names.includes(a.name)) names.push(a.name);
        met.add(a.name);
      });
      here.slice(x + 1).forEach(([b, j]) => {  // pair (i, j), i < j in the report's order
        var tr = table.tBodies[0].insertRow(), th = el("th", fill(attr("pair"), { a: a.name, b: b.name }));
        var at = i * (2 * n - i - 1) / 2 + j - i - 1;
        th.scope = "row";
        tr.appendChild(th);
        cols.forEach(k => {
          tr.insertCell().textContent = gap(rep.pairs ? rep.pairs[k][at] : "n", rep.v[i][k], rep.v[j][k], rep.precision[k], a.name, b.name);
        });
      });
    });
    groups.appendChild(sec);
    draw(sec.querySelector(".bb-chart"), data.specs[rep.spec], bars, names, names.map(m => data.fills[chosen.find(r => r.name === m).s]));
  });
  var left = chosen.filter(r => !met.has(r.name)).map(r => r.name);
  panel.querySelector(".bb-none").hidden = met.size > 0;
  alone.hidden = !met.size || !left.length;
  alone.textContent = fill(alone.getAttribute("data-text"), { names: left.join(", ") });
};
