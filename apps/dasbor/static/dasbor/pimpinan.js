// Leaders' dashboard: charts (Chart.js), the region map (Leaflet, no tile server: boundaries
// only) and a poll every second of the data endpoint that updates counts and prepends new items.
// No reload; 204 from the server means nothing changed since our cursor.
(function () {
  "use strict";
  // A new aspiration must reach the leaders within 2 s of its submission: a poll every second
  // (plus the request itself) keeps that; a poll with nothing new is a 204 costing ~10 ms.
  var JEDA = 1000;
  var root = document.getElementById("dasbor");
  var sumber = document.getElementById("dasbor-data");
  if (!root || !sumber) { return; }
  var data = JSON.parse(sumber.textContent);
  var kursor = root.getAttribute("data-kursor");
  var grafik = {};
  var WARNA = ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"];

  function ambil(obj, jalur) {
    return jalur.split(".").reduce(function (o, k) { return o == null ? null : o[k]; }, obj);
  }

  function angka(n) {
    return n == null ? "–" : Number(n).toLocaleString("id-ID");
  }

  function perbaruiAngka() {
    root.querySelectorAll("[data-angka]").forEach(function (el) {
      el.textContent = angka(ambil(data, el.getAttribute("data-angka")));
    });
  }

  function batang(id, label, baris, kunci) {
    var el = document.getElementById(id);
    if (!el || typeof Chart === "undefined") { return; }
    var cfg = {
      labels: baris.map(function (r) { return r.nama; }),
      datasets: kunci.map(function (k, i) {
        return { label: k[1], data: baris.map(function (r) { return r[k[0]]; }),
                 backgroundColor: i === 0 ? "#0d6efd" : "#dc3545" };
      })
    };
    if (grafik[id]) { grafik[id].data = cfg; grafik[id].update("none"); return; }
    grafik[id] = new Chart(el, { type: "bar", data: cfg,
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
                 // Long unit names would be cut at the card's left edge: shorten them, the
                 // tooltip keeps the full name.
                 scales: { y: { ticks: { callback: function (v) {
                   var t = this.getLabelForValue(v);
                   return t.length > 18 ? t.slice(0, 17) + "…" : t;
                 } } } },
                 plugins: { legend: { position: "bottom" } } } });
  }

  function semuaGrafik() {
    var dua = [["terbuka", "Terbuka"], ["terlambat", "Terlambat"]];
    batang("grafik-wilayah", "", data.peta, dua);
    batang("grafik-kategori", "", data.aspirasi.per_kategori, dua);
    batang("grafik-unit", "", data.aspirasi.per_unit, dua);
    if (data.musrenbang) {
      batang("grafik-musrenbang", "", data.musrenbang.per_status.concat(data.musrenbang.per_tahap), [["jumlah", "Usulan"]]);
    }
  }

  // ---- map
  var peta = null, lapisan = null, fitur = {};
  function nilaiPeta() {
    var pilih = document.getElementById("indikator");
    var k = pilih ? pilih.value : "terbuka";
    var nilai = {};
    data.peta.forEach(function (r) { nilai[r.kode] = r; });
    return { k: k, nilai: nilai };
  }

  function warnai() {
    if (!lapisan) { return; }
    var p = nilaiPeta();
    var maks = Math.max.apply(null, data.peta.map(function (r) { return r[p.k] || 0; }).concat([0]));
    lapisan.eachLayer(function (layer) {
      var r = p.nilai[layer.feature.properties.kode] || {};
      var v = r[p.k] || 0;
      var i = maks ? Math.min(4, Math.floor(5 * v / (maks + 1e-9))) : 0;
      layer.setStyle({ fillColor: WARNA[i], fillOpacity: 0.8, color: "#555", weight: 1 });
      layer.bindTooltip((r.nama || layer.feature.properties.nama) + ": " + angka(v));
    });
    var leg = document.getElementById("peta-legenda");
    if (leg) {
      leg.textContent = "";
      for (var i = 0; i < 5; i++) {
        var s = document.createElement("span");
        s.className = "me-3 text-nowrap";
        var kotak = document.createElement("span");
        kotak.className = "d-inline-block border me-1 align-middle";
        kotak.style.width = "14px"; kotak.style.height = "14px"; kotak.style.background = WARNA[i];
        s.appendChild(kotak);
        s.appendChild(document.createTextNode(angka(Math.ceil(i * maks / 5)) + "–" + angka(Math.floor((i + 1) * maks / 5))));
        leg.appendChild(s);
      }
    }
  }

  function bangunPeta() {
    var el = document.getElementById("peta-pimpinan");
    if (!el || typeof L === "undefined") { return; }
    var kode = root.getAttribute("data-wilayah");
    var kodeAnak = {};
    data.peta.forEach(function (r) { kodeAnak[r.kode] = r; });
    fetch(root.getAttribute("data-batas"), { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (gj) {
        var pilih = gj.features.filter(function (f) { return kodeAnak[f.properties.kode]; });
        if (!pilih.length) { pilih = gj.features.filter(function (f) { return f.properties.kode === kode; }); }
        peta = L.map(el, { attributionControl: false, scrollWheelZoom: false });
        lapisan = L.geoJSON({ type: "FeatureCollection", features: pilih }, {
          onEachFeature: function (f, layer) {
            layer.on("click", function () {
              var r = kodeAnak[f.properties.kode];
              if (r && r.url && f.properties.kode !== kode) { window.location.href = r.url; }
            });
          }
        }).addTo(peta);
        if (lapisan.getBounds().isValid()) { peta.fitBounds(lapisan.getBounds()); }
        warnai();
      });
    var pilihan = document.getElementById("indikator");
    if (pilihan) { pilihan.addEventListener("change", warnai); }
  }

  // ---- live feed
  function tambahButir(b) {
    var ul = document.getElementById("aspirasi-terbaru");
    if (!ul || ul.querySelector('[data-id="' + b.id + '"]')) { return; }
    var kosong = ul.querySelector("[data-kosong]");
    if (kosong) { kosong.remove(); }
    var li = document.createElement("li");
    li.className = "list-group-item list-group-item-warning";
    li.setAttribute("data-id", b.id);
    var a = document.createElement("a");
    a.href = b.url; a.className = "fw-semibold"; a.textContent = b.judul;
    var d = document.createElement("div");
    d.className = "small text-secondary";
    d.textContent = b.kategori + " · " + b.lokasi + " · " + b.waktu;
    li.appendChild(a); li.appendChild(d);
    ul.insertBefore(li, ul.firstChild);
    while (ul.children.length > 20) { ul.removeChild(ul.lastChild); }
  }

  function tabelWilayah() {
    var tb = document.getElementById("tabel-wilayah");
    if (!tb) { return; }
    tb.textContent = "";
    data.peta.forEach(function (r) {
      var tr = document.createElement("tr");
      var td = document.createElement("td"), a = document.createElement("a");
      a.href = r.url; a.textContent = r.nama; td.appendChild(a); tr.appendChild(td);
      ["terbuka", "terlambat"].forEach(function (k) {
        var c = document.createElement("td"); c.className = "text-end"; c.textContent = angka(r[k]); tr.appendChild(c);
      });
      tb.appendChild(tr);
    });
  }

  function tanya() {
    var url = root.getAttribute("data-url") + "&sejak=" + encodeURIComponent(kursor);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (r.status !== 200) { return null; }
        return r.json();
      })
      .then(function (baru) {
        var st = document.getElementById("dasbor-status");
        if (st) { st.textContent = new Date().toLocaleTimeString("id-ID"); }
        if (!baru) { return; }
        kursor = baru.kursor;
        data = baru;
        perbaruiAngka();
        semuaGrafik();
        tabelWilayah();
        warnai();
        baru.terbaru.slice().reverse().forEach(tambahButir);
      })
      .catch(function () { /* offline for a moment: try again on the next tick */ })
      .then(function () { setTimeout(tanya, JEDA); });
  }

  window.addEventListener("load", function () {
    semuaGrafik();
    bangunPeta();
    setTimeout(tanya, JEDA);
  });
})();
