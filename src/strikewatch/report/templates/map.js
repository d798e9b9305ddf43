/* strikewatch: draws window.strikewatchData (report.maps.leaflet_data) into #map. Popups are
   built as DOM nodes from plain text (never HTML from the documents); an event's id links into the
   page (#ev-...), its source only when leaflet_data passed an http(s) URL (links.safe_link). */
(function () {
  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  function node(tag, text) { var n = document.createElement(tag); if (text) { n.textContent = text; } return n; }
  function popup(g) {
    var box = node("div");
    if (g.events.length > 1) { box.appendChild(node("b", g.events.length + " events at this place")); }
    var list = box.appendChild(node("ul"));
    list.className = "events";
    g.events.forEach(function (e) {
      var item = list.appendChild(node("li"));
      var id = item.appendChild(node(e.anchor ? "a" : "span", e.id));
      if (e.anchor) { id.href = "#" + e.anchor; }
      item.appendChild(document.createTextNode(" " + e.label));
      if (e.source) {
        var web = /^https?:\/\//i.test(e.url || ""), source = node(web ? "a" : "span", e.source);
        if (web) { source.href = e.url; source.rel = "noopener noreferrer"; }
        item.appendChild(node("br"));
        item.appendChild(source);
      }
    });
    return box;
  }
  var data = window.strikewatchData;
  var map = L.map("map", {attributionControl: true, zoomSnap: 0.25});
  map.fitBounds(data.bounds);
  map.createPane("base").style.zIndex = 250;  /* under the markers' overlay pane */
  var outlines = 0;
  data.layers.forEach(function (layer) {
    var basemap = layer.name === "countries";  /* the world around the view: drawn, not interactive */
    map.attributionControl.addAttribution(basemap ? "Countries: Natural Earth" : "Boundaries: OCHA/HDX");
    L.geoJSON(layer.features, {pane: "base", renderer: L.svg({pane: "base"}), interactive: !basemap,
      style: {color: layer.edge, weight: basemap ? 0.8 : 1, fillColor: layer.fill, fillOpacity: 1},
      onEachFeature: basemap ? null : function (f, shape) { outlines += 1; shape.bindTooltip(esc((f.properties || {}).name || "")); }}).addTo(map);
  });
  var points = 0;
  data.groups.forEach(function (g) {
    points += g.events.length;
    var marker = L.circleMarker([g.lat, g.lon], g.approximate
      ? {radius: g.radius, color: g.colour, weight: 2, dashArray: "3 3", fillColor: g.colour, fillOpacity: 0.15}
      : {radius: g.radius, color: "#fff", weight: 1, fillColor: g.colour, fillOpacity: 0.8});
    marker.bindPopup(function () { return popup(g); }, {maxWidth: 420});
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
  window.strikewatchLeaflet = map;  /* for tests that click each marker */
  window.strikewatchMap = {points: points, markers: data.groups.length, boundaries: outlines, legend: data.legend.length};
})();
