// Renders the dashboard's Vega-Lite charts with the bundle served from /vendor/vega.js; a click
// on a bar opens the needs behind it.
(function () {
  "use strict";
  if (!window.vegaEmbed) { return; }
  document.querySelectorAll("figure.chart").forEach(function (figure) {
    var target = figure.querySelector(".vega");
    var spec = JSON.parse(figure.querySelector("script.vega-spec").textContent);
    var links = JSON.parse(target.getAttribute("data-links") || "{}");
    window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function (result) {
      result.view.addEventListener("click", function (_event, item) {
        var label = item && item.datum && item.datum.label;
        if (label && links[label]) { window.location.href = links[label]; }
      });
      var svg = target.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description || figure.getAttribute("aria-label"));
      }
    }).catch(function (error) { target.textContent = String(error); });
  });
}());
