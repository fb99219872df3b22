// Region map for wilayah pages. No tile server: a village LAN may have no internet, so the
// map is just the region's boundary and its children's, coloured, on a plain background.
// Data comes from a json_script element named by the map's data-sumber attribute (strict CSP:
// no inline script).
(function () {
  "use strict";
  var el = document.getElementById("peta");
  if (!el || typeof L === "undefined") { return; }
  var source = document.getElementById(el.getAttribute("data-sumber"));
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var WARNA = ["#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#c62828", "#9e9d24", "#4e342e",
               "#ad1457", "#283593", "#00695c", "#f9a825"];
  // A name is written on a region only when the region is this big on screen (pixels);
  // smaller ones show it on hover/tap, so labels never pile up on each other.
  var LABEL_MIN_W = 70, LABEL_MIN_H = 22;

  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25, maxZoom: 16, minZoom: 3, scrollWheelZoom: false });
  var bounds = L.latLngBounds([]);
  var children = [];

  function asMarker(feature, latlng) {
    return L.circleMarker(latlng, { radius: 7, weight: 2, color: "#fff", fillColor: "#0f5132", fillOpacity: 0.9 });
  }

  function add(feature, style) {
    var layer = L.geoJSON(feature, { style: style, pointToLayer: asMarker }).addTo(map);
    var b = layer.getBounds();
    if (b.isValid()) { bounds.extend(b); }
    return layer;
  }

  function fitsLabel(layer) {
    var b = layer.getBounds();
    if (!b.isValid()) { return false; }
    var sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
    return Math.abs(ne.x - sw.x) >= LABEL_MIN_W && Math.abs(sw.y - ne.y) >= LABEL_MIN_H;
  }

  function area(layer) {
    var b = layer.getBounds();
    return b.isValid() ? (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest()) : 0;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function label() {
    var placed = [];
    children.forEach(function (c) {
      c.layer.unbindTooltip();
      var permanent = fitsLabel(c.layer);
      c.layer.bindTooltip(c.nama, { permanent: permanent, direction: "center", className: "peta-label" });
      if (!permanent) { return; }
      var tip = c.layer.getTooltip();
      var box = tip && tip.getElement() && tip.getElement().getBoundingClientRect();
      if (box && placed.some(function (p) { return overlaps(p, box); })) {
        // Two names would collide: this one shows on hover/tap instead.
        c.layer.unbindTooltip();
        c.layer.bindTooltip(c.nama, { direction: "center", className: "peta-label" });
      } else if (box) {
        placed.push(box);
      }
    });
  }

  var anak = (data.anak && data.anak.features) || [];
  if (data.wilayah) {
    var utama = add(data.wilayah, { color: "#0f5132", weight: 2.5, fillColor: "#c99a2e", fillOpacity: anak.length ? 0.06 : 0.3 });
    if (!anak.length) { utama.bindTooltip(data.wilayah.properties.nama, { sticky: true }); }
  }
  // With data.skala the children are shaded by their value (a choropleth: darker is more),
  // otherwise each gets a distinct colour.
  var maks = 0;
  anak.forEach(function (f) { maks = Math.max(maks, f.properties.nilai || 0); });
  function ramp(v) {
    var t = maks ? (v || 0) / maks : 0;
    var from = [232, 243, 238], to = [15, 81, 50];
    return "rgb(" + from.map(function (c, k) { return Math.round(c + (to[k] - c) * t); }).join(",") + ")";
  }
  anak.forEach(function (feature, i) {
    var props = feature.properties;
    var fill = data.skala ? ramp(props.nilai) : WARNA[i % WARNA.length];
    var layer = add(feature, { color: "#ffffff", weight: 1.2, fillColor: fill, fillOpacity: data.skala ? 0.85 : 0.55 });
    var nama = data.skala ? props.nama + ": " + (props.nilai || 0).toLocaleString("id-ID") + " " + data.skala : props.nama;
    children.push({ layer: layer, nama: nama });
    if (props.url) {
      layer.on("click", function () { window.location.href = props.url; });
      layer.on("mouseover", function () { layer.setStyle({ fillOpacity: 0.8 }); });
      layer.on("mouseout", function () { layer.setStyle({ fillOpacity: data.skala ? 0.85 : 0.55 }); });
    }
  });

  if (!bounds.isValid()) {
    el.classList.add("d-none");
    return;
  }
  map.fitBounds(bounds, { padding: [12, 12], maxZoom: 13 });
  children.sort(function (a, b) { return area(b.layer) - area(a.layer); });
  label();
  map.on("zoomend", label);
  // Bootstrap layouts can size the container after load; let Leaflet re-measure.
  window.addEventListener("load", function () { map.invalidateSize(); label(); });
})();
