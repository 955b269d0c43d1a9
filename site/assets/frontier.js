// Interactive frontier views, as progressive enhancement (docs/frontier-and-history.md): the
// static SVG is the chart; on request this loads the vendored Vega bundle (no CDN, relative to
// this script, so it works from file:// and under a subpath) and draws the same Vega-Lite spec
// with tooltips and download actions. Each view's spec is read from
// <script type="application/json" id="VIEW-spec">; where the page is narrower than the chart,
// the spec's own phone layout (usermeta.narrow: a narrower plot, labels placed for it) is drawn.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundleUrl = new URL("vega/vega-bundle.js", script.src).href;
  var loading = null;

  function loadBundle() {
    if (window.vegaEmbed) return Promise.resolve();
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = bundleUrl;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { loading = null; reject(new Error("could not load " + bundleUrl)); };
      document.head.appendChild(tag);
    });
    return loading;
  }

  function specFor(node, target, staticChart) {
    var spec = JSON.parse(node.textContent);
    var narrow = spec.usermeta && spec.usermeta.narrow;
    var svg = staticChart.querySelector("svg");
    var full = svg ? parseFloat(svg.getAttribute("width") || "0") : 0;  // the wide chart, axes and all
    if (narrow && target.parentNode.clientWidth < full * 0.9) {  // its text would shrink under 90%
      spec.width = narrow.width;
      spec.height = narrow.height;
      spec.title = narrow.title;
      spec.layer = narrow.layer;
    }
    return spec;
  }

  function setUp(button) {
    var id = button.getAttribute("data-frontier-toggle");
    var specNode = document.getElementById(id + "-spec");
    var target = document.getElementById(id + "-interactive");
    var staticChart = document.getElementById(id + "-static");
    if (!specNode || !target || !staticChart) return;
    var shown = false, drawn = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (shown) {
        target.hidden = true;
        staticChart.classList.remove("is-replaced");
        button.textContent = "Interactive chart";
        button.setAttribute("aria-expanded", "false");
        shown = false;
        return;
      }
      button.disabled = true;
      loadBundle().then(function () {
        if (drawn) return null;
        target.hidden = false;  // laid out before it is measured
        return window.vegaEmbed(target, specFor(specNode, target, staticChart), {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          tooltip: true
        }).then(function () { drawn = true; });
      }).then(function () {
        target.hidden = false;
        staticChart.classList.add("is-replaced");  // visually hidden: its title and description stay
        button.textContent = "Static chart";
        button.setAttribute("aria-expanded", "true");
        shown = true;
      }).catch(function (error) {
        target.hidden = false;
        target.textContent = "The interactive chart could not be shown (" + error.message + "). The static chart has the same data.";
      }).then(function () { button.disabled = false; });
    });
  }

  function init() {
    var buttons = document.querySelectorAll("[data-frontier-toggle]");
    for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
