// Interactive charts, as progressive enhancement: the static SVG is the chart; on request this
// loads the vendored Vega bundle (no CDN, relative to this script, so it works from file:// and
// under a subpath) and draws the same Vega-Lite spec with tooltips and download actions.
// The report chart's spec is read from <script type="application/json" id="chart-spec">, or
// below the chart's breakpoint (data-breakpoint) from "chart-spec-narrow", the phone layout.
// Each frontier view's (docs/frontier-and-history.md) is read from "VIEW-spec"; where the page
// is narrower than the view, the spec's own phone layout (usermeta.narrow) is drawn.
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

  // One button, one chart: draw on first request, then toggle between the static and the
  // interactive chart. makeSpec runs once the bundle is loaded.
  function setUp(button, specNode, target, staticChart, makeSpec, failed) {
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
        return window.vegaEmbed(target, makeSpec(), {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          tooltip: true
        }).then(function () { drawn = true; });
      }).then(function () {
        target.hidden = false;
        // The static SVG stays rendered (visually hidden): its title and description stay, and
        // its <pattern> definitions are what the interactive chart's hatched fills refer to.
        staticChart.classList.add("is-replaced");
        button.textContent = "Static chart";
        button.setAttribute("aria-expanded", "true");
        shown = true;
      }).catch(function (error) {
        target.hidden = false;
        target.textContent = "The interactive chart could not be shown (" + error.message + "). " + failed;
      }).then(function () { button.disabled = false; });
    });
  }

  function reportChart() {
    var button = document.querySelector("[data-chart-toggle]");
    var specNode = document.getElementById("chart-spec");
    var target = document.getElementById("chart-interactive");
    var staticChart = document.getElementById("chart-static");
    if (!button || !specNode || !target || !staticChart) return;
    setUp(button, specNode, target, staticChart, function () {
      // Below the chart's breakpoint the phone layout is drawn, as the static chart is.
      var narrow = document.getElementById("chart-spec-narrow");
      var breakpoint = parseFloat(staticChart.getAttribute("data-breakpoint") || "0");
      var spec = JSON.parse(specNode.textContent);
      if (narrow && window.innerWidth <= breakpoint) {  // its data rows are the wide spec's
        spec = Object.assign(JSON.parse(narrow.textContent), { data: spec.data });
      }
      return spec;
    }, "The static chart above has the same data.");
  }

  function frontierViews() {
    var buttons = document.querySelectorAll("[data-frontier-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      var id = buttons[i].getAttribute("data-frontier-toggle");
      var specNode = document.getElementById(id + "-spec");
      var target = document.getElementById(id + "-interactive");
      var staticChart = document.getElementById(id + "-static");
      if (!specNode || !target || !staticChart) continue;
      setUp(buttons[i], specNode, target, staticChart, (function (node, into, chart) {
        return function () {
          into.hidden = false;  // laid out before it is measured
          return specFor(node, into, chart);
        };
      })(specNode, target, staticChart), "The static chart has the same data.");
    }
  }

  function init() {
    reportChart();
    frontierViews();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
