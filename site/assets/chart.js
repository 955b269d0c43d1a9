// Interactive chart, as progressive enhancement: the static SVG is the chart; on request this
// loads the vendored Vega bundle (no CDN) and draws the same Vega-Lite spec with tooltips and
// download actions. The spec is read from <script type="application/json" id="chart-spec">, or
// below the chart's breakpoint (data-breakpoint) from "chart-spec-narrow", the phone layout.
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

  function init() {
    var button = document.querySelector("[data-chart-toggle]");
    var specNode = document.getElementById("chart-spec");
    var target = document.getElementById("chart-interactive");
    var staticChart = document.getElementById("chart-static");
    if (!button || !specNode || !target || !staticChart) return;
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
        // Below the chart's breakpoint the phone layout is drawn, as the static chart is.
        var narrow = document.getElementById("chart-spec-narrow");
        var breakpoint = parseFloat(staticChart.getAttribute("data-breakpoint") || "0");
        var spec = JSON.parse(specNode.textContent);
        if (narrow && window.innerWidth <= breakpoint) {  // its data rows are the wide spec's
          spec = Object.assign(JSON.parse(narrow.textContent), { data: spec.data });
        }
        return window.vegaEmbed(target, spec, {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          tooltip: true
        }).then(function () { drawn = true; });
      }).then(function () {
        target.hidden = false;
        // The static SVG stays rendered (visually hidden): its <pattern> definitions are
        // what the interactive chart's hatched fills refer to.
        staticChart.classList.add("is-replaced");
        button.textContent = "Static chart";
        button.setAttribute("aria-expanded", "true");
        shown = true;
      }).catch(function (error) {
        target.hidden = false;
        target.textContent = "The interactive chart could not be shown (" + error.message + "). The static chart above has the same data.";
      }).then(function () { button.disabled = false; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
