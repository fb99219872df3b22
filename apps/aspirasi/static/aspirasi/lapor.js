// Public report form: hides the honeypot, and an optional map pin over the regency's
// boundaries (no internet tiles). The form works without this script.
(function () {
  "use strict";
  var situs = document.getElementById("id_situs");
  if (situs) { var blok = situs.closest(".mb-3"); if (blok) { blok.style.position = "absolute"; blok.style.left = "-9999px"; } }
  var el = document.getElementById("peta-lapor");
  if (!el || typeof L === "undefined") { if (el) { el.style.display = "none"; } return; }
  var peta = L.map(el, { attributionControl: false }).setView([-2.25, 112.2], 8);
  var lat = document.getElementById("id_lat"), lng = document.getElementById("id_lng"), pin = null;
  fetch(el.dataset.batas).then(function (r) { return r.json(); }).then(function (data) {
    var lapis = L.geoJSON(data, { style: function (f) {
      return { color: "#0d6efd", weight: f.properties.tingkat === "kabupaten" ? 2 : 1, fillOpacity: 0.05 };
    } }).addTo(peta);
    peta.fitBounds(lapis.getBounds());
  }).catch(function () { /* the form still works without the map */ });
  peta.on("click", function (e) {
    if (pin) { pin.setLatLng(e.latlng); } else { pin = L.marker(e.latlng).addTo(peta); }
    lat.value = e.latlng.lat.toFixed(6); lng.value = e.latlng.lng.toFixed(6);
  });
})();
