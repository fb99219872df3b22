// Map of a proposal's location. No tile server (a village LAN may have no internet): the
// village boundary from the wilayah data, and a marker the user places by clicking; the
// marker fills the lintang/bujur fields (data-peta="lat"/"lng"), and typing there moves it.
(function () {
  "use strict";
  function mulai() {
    var el = document.getElementById("peta-usulan");
    if (!el || typeof L === "undefined") { return; }
    var sumber = document.getElementById(el.getAttribute("data-sumber"));
    if (!sumber) { return; }
    var data = JSON.parse(sumber.textContent);
    var lat = document.querySelector("[data-peta=lat]"), lng = document.querySelector("[data-peta=lng]");
    var map = L.map(el, { attributionControl: false, scrollWheelZoom: false, maxZoom: 18 });
    var batas = null;
    if (data.batas) {
      batas = L.geoJSON(data.batas, { style: { color: "#0f5132", weight: 2, fillColor: "#d1e7dd", fillOpacity: 0.4 } }).addTo(map);
    }
    if (batas && batas.getBounds().isValid()) {
      map.fitBounds(batas.getBounds(), { padding: [10, 10] });
    } else if (data.lat !== null && data.lng !== null) {
      map.setView([data.lat, data.lng], 13);
    } else {
      map.setView([-2.25, 112.2], 9);
    }
    var penanda = null;
    function pasang(la, ln) {
      if (penanda) { penanda.setLatLng([la, ln]); } else { penanda = L.marker([la, ln]).addTo(map); }
    }
    if (data.titik) { pasang(data.titik[0], data.titik[1]); }
    map.on("click", function (e) {
      pasang(e.latlng.lat, e.latlng.lng);
      if (lat) { lat.value = e.latlng.lat.toFixed(6); }
      if (lng) { lng.value = e.latlng.lng.toFixed(6); }
    });
    function dariIsian() {
      var a = parseFloat(lat && lat.value), b = parseFloat(lng && lng.value);
      if (!isNaN(a) && !isNaN(b)) { pasang(a, b); }
    }
    if (lat) { lat.addEventListener("change", dariIsian); }
    if (lng) { lng.addEventListener("change", dariIsian); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mulai); } else { mulai(); }
}());
