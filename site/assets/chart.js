// Interactive charts, as progressive enhancement: the static SVG is the chart; on request this
// loads the vendored Vega bundle (no CDN, relative to this script, so it works from file:// and
// under a subpath) and draws the same Vega-Lite spec with tooltips and download actions.
// The report chart's specs are not in the page (they would be a fifth of its weight): the
// button's data-chart-spec names the report's chart-spec.js, loaded on request as a script (so
// it works from file://, where fetch cannot read a file), which sets window.benchboardChartSpecs
// to {wide, narrow}; below the chart's breakpoint (data-breakpoint) the narrow one, the phone
// layout, is drawn. Each frontier view's (docs/frontier-and-history.md) is read from
// "VIEW-spec"; where the page is narrower than the view, the spec's own phone layout
// (usermeta.narrow) is drawn.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundleUrl = new URL("vega/vega-bundle.js", script.src).href;
  var loading = {};

  function loadScript(url) {
    if (loading[url]) return loading[url];
    loading[url] = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { delete loading[url]; reject(new Error("could not load " + url)); };
      document.head.appendChild(tag);
    });
    return loading[url];
  }

  function loadBundle() {
    return window.vegaEmbed ? Promise.resolve() : loadScript(bundleUrl);
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
  // interactive chart. makeSpec runs once the bundle (and what load() fetches) is loaded.
  function setUp(button, target, staticChart, makeSpec, failed, load) {
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
      Promise.all([loadBundle(), load ? load() : null]).then(function () {
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
    var target = document.getElementById("chart-interactive");
    var staticChart = document.getElementById("chart-static");
    if (!button || !target || !staticChart || !button.getAttribute("data-chart-spec")) return;
    var specUrl = new URL(button.getAttribute("data-chart-spec"), document.baseURI).href;
    setUp(button, target, staticChart, function () {
      // Below the chart's breakpoint the phone layout is drawn, as the static chart is.
      var specs = window.benchboardChartSpecs;
      if (!specs || !specs.wide) throw new Error("no chart spec in " + specUrl);
      var breakpoint = parseFloat(staticChart.getAttribute("data-breakpoint") || "0");
      if (specs.narrow && window.innerWidth <= breakpoint) {  // its data rows are the wide spec's
        return Object.assign({}, specs.narrow, { data: specs.wide.data });
      }
      return specs.wide;
    }, "The static chart above has the same data.", function () { return loadScript(specUrl); });
  }

  function frontierViews() {
    var buttons = document.querySelectorAll("[data-frontier-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      var id = buttons[i].getAttribute("data-frontier-toggle");
      var specNode = document.getElementById(id + "-spec");
      var target = document.getElementById(id + "-interactive");
      var staticChart = document.getElementById(id + "-static");
      if (!specNode || !target || !staticChart) continue;
      setUp(buttons[i], target, staticChart, (function (node, into, chart) {
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
