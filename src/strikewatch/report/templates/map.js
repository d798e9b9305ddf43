/* strikewatch: draws window.strikewatchData (report.maps.leaflet_data) into #map. Labels are
   escaped; links only point into the page (#ev-...). */
(function () {
  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  var data = window.strikewatchData;
  var map = L.map("map", {attributionControl: true, zoomSnap: 0.25});
  map.fitBounds(data.bounds);
  map.createPane("base").style.zIndex = 250;  /* under the markers' overlay pane */
  var outlines = 0;
  data.layers.forEach(function (layer) {
    if (layer.name.indexOf("admin1:") === 0) { map.attributionControl.addAttribution("Boundaries: OCHA/HDX"); }
    L.geoJSON(layer.features, {pane: "base", renderer: L.svg({pane: "base"}),
      style: {color: layer.edge, weight: 1, fillColor: layer.fill, fillOpacity: 1},
      onEachFeature: function (f, shape) { outlines += 1; shape.bindTooltip(esc((f.properties || {}).name || "")); }}).addTo(map);
  });
  var points = 0;
  data.groups.forEach(function (g) {
    points += g.events.length;
    var marker = L.circleMarker([g.lat, g.lon], g.approximate
      ? {radius: g.radius, color: g.colour, weight: 2, dashArray: "3 3", fillColor: g.colour, fillOpacity: 0.15}
      : {radius: g.radius, color: "#fff", weight: 1, fillColor: g.colour, fillOpacity: 0.8});
    var rows = g.events.map(function (e) {
      var id = e.anchor ? '<a href="#' + esc(e.anchor) + '">' + esc(e.id) + "</a>" : esc(e.id);
      return "<li>" + id + " " + esc(e.label) + "</li>";
    });
    var head = g.events.length > 1 ? "<b>" + g.events.length + " events at this place</b>" : "";
    marker.bindPopup(head + '<ul class="events">' + rows.join("") + "</ul>", {maxWidth: 420});
    if (g.events.length > 1) { marker.bindTooltip(String(g.events.length), {permanent: true, direction: "center", className: "count"}); }
    marker.addTo(map);
  });
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "legend");
    var html = data.legend.map(function (k) {
      return '<div><span class="dot" style="background:' + esc(k.colour) + '"></span>' + esc(k.kind) + " (" + k.count + ")</div>";
    });
    html.push('<div><span class="dot approx"></span>approximate: province or region only</div>');
    html.push("<div>" + data.sizes.map(function (s) {
      return '<span class="dot" style="width:' + 2 * s.radius + "px;height:" + 2 * s.radius + 'px;background:#999"></span>' + s.killed;
    }).join(" ") + " killed</div>");
    html.push("<div><b>n</b> events at one place: click to list them</div>");
    div.innerHTML = html.join("");
    return div;
  };
  legend.addTo(map);
  window.strikewatchMap = {points: points, markers: data.groups.length, boundaries: outlines, legend: data.legend.length};
})();
