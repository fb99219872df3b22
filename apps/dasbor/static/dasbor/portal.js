// Public portal map: village boundaries (no tile server) coloured by a chosen figure; a click
// opens the village page.
(function () {
  "use strict";
  var el = document.getElementById("peta-portal");
  var sumber = document.getElementById("portal-data");
  if (!el || !sumber) { return; }
  var data = JSON.parse(sumber.textContent);
  var WARNA = ["#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b"];
  var lapisan = null;

  function warnai() {
    var k = document.getElementById("indikator").value;
    var maks = 0;
    Object.keys(data).forEach(function (kode) { maks = Math.max(maks, data[kode][k] || 0); });
    lapisan.eachLayer(function (layer) {
      var d = data[layer.feature.properties.kode] || {};
      var v = d[k] || 0;
      var i = maks ? Math.min(4, Math.floor(5 * v / (maks + 1e-9))) : 0;
      layer.setStyle({ fillColor: WARNA[i], fillOpacity: 0.85, color: "#555", weight: 1 });
      layer.bindTooltip((d.nama || layer.feature.properties.nama) + ": " + Number(v).toLocaleString("id-ID"));
    });
    var leg = document.getElementById("peta-legenda");
    leg.textContent = "";
    for (var i = 0; i < 5; i++) {
      var s = document.createElement("span");
      s.className = "me-3 text-nowrap";
      var kotak = document.createElement("span");
      kotak.className = "d-inline-block border me-1 align-middle";
      kotak.style.width = "14px"; kotak.style.height = "14px"; kotak.style.background = WARNA[i];
      s.appendChild(kotak);
      s.appendChild(document.createTextNode(Math.ceil(i * maks / 5) + "–" + Math.floor((i + 1) * maks / 5)));
      leg.appendChild(s);
    }
  }

  window.addEventListener("load", function () {
    if (typeof L === "undefined") { return; }
    fetch(el.getAttribute("data-batas")).then(function (r) { return r.json(); }).then(function (gj) {
      var desa = gj.features.filter(function (f) { return data[f.properties.kode]; });
      var peta = L.map(el, { attributionControl: false });
      lapisan = L.geoJSON({ type: "FeatureCollection", features: desa }, {
        onEachFeature: function (f, layer) {
          layer.on("click", function () {
            var d = data[f.properties.kode];
            if (d && d.url) { window.location.href = d.url; }
          });
        }
      }).addTo(peta);
      if (lapisan.getBounds().isValid()) { peta.fitBounds(lapisan.getBounds()); }
      warnai();
      document.getElementById("indikator").addEventListener("change", warnai);
    });
  });
})();
