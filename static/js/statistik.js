// Population statistics charts (Chart.js). Data comes from the json_script element
// #data-grafik (strict CSP: no inline script); the chart is redrawn when HTMX swaps in
// another category. "Unduh PNG" saves the canvas in the browser, nothing goes to the server.
(function () {
  "use strict";
  var WARNA_L = "#2f7d5b", WARNA_P = "#c99a2e";
  var PALET = ["#2f7d5b", "#c99a2e", "#1565c0", "#ad1457", "#6a1b9a", "#00838f", "#ef6c00", "#4e342e",
               "#9e9d24", "#283593", "#c62828", "#00695c", "#546e7a"];
  var grafik = null;
  var angka = new Intl.NumberFormat("id-ID");

  // A white background, so the downloaded PNG is readable in any image viewer.
  var latarPutih = {
    id: "latarPutih",
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  // Long official labels ("AKADEMI/ DIPLOMA III/S. MUDA") are shortened on narrow screens;
  // the tooltip and the table keep them whole.
  function pendekkan(label, lebar) {
    var maks = lebar < 420 ? 16 : lebar < 700 ? 26 : 40;
    return label.length > maks ? label.slice(0, maks - 1) + "…" : label;
  }

  function judul(d) {
    return { display: true, text: d.judul, font: { size: 14, weight: "bold" }, padding: { bottom: 8 } };
  }

  function konfigurasi(d) {
    var dasar = { responsive: true, maintainAspectRatio: false, animation: false,
                  plugins: { title: judul(d), legend: { position: "bottom" } } };
    if (d.jenis === "piramida") {
      // Youngest at the bottom; men to the left (negative), women to the right.
      var label = d.label.slice().reverse();
      var lk = d.laki_laki.slice().reverse().map(function (n) { return -n; });
      var pr = d.perempuan.slice().reverse();
      // A symmetric axis, so the two sides compare at a glance.
      var puncak = Math.max(1, Math.max.apply(null, d.laki_laki.concat(d.perempuan)));
      dasar.indexAxis = "y";
      dasar.scales = {
        x: { stacked: true, suggestedMin: -puncak, suggestedMax: puncak,
             ticks: { callback: function (v) { return angka.format(Math.abs(v)); } } },
        y: { stacked: true }
      };
      dasar.plugins.tooltip = { callbacks: { label: function (c) {
        return c.dataset.label + ": " + angka.format(Math.abs(c.raw)); } } };
      return { type: "bar", options: dasar, plugins: [latarPutih], data: { labels: label, datasets: [
        { label: "Laki-laki", data: lk, backgroundColor: WARNA_L, barPercentage: 1, categoryPercentage: 0.9 },
        { label: "Perempuan", data: pr, backgroundColor: WARNA_P, barPercentage: 1, categoryPercentage: 0.9 }
      ] } };
    }
    if (d.jenis === "donat") {
      dasar.plugins.tooltip = { callbacks: { label: function (c) { return c.label + ": " + angka.format(c.raw); } } };
      return { type: "doughnut", options: dasar, plugins: [latarPutih], data: { labels: d.label, datasets: [
        { label: "Jumlah", data: d.jumlah, backgroundColor: d.label.map(function (_, i) { return PALET[i % PALET.length]; }) }
      ] } };
    }
    dasar.indexAxis = "y";
    dasar.scales = { x: { stacked: true, ticks: { callback: function (v) { return angka.format(v); } } },
                     y: { stacked: true, ticks: { autoSkip: false, callback: function (v) {
                       return pendekkan(this.getLabelForValue(v), this.chart.width); } } } };
    dasar.plugins.tooltip = { callbacks: { title: function (items) { return items.length ? items[0].label : ""; } } };
    return { type: "bar", options: dasar, plugins: [latarPutih], data: { labels: d.label, datasets: [
      { label: "Laki-laki", data: d.laki_laki, backgroundColor: WARNA_L },
      { label: "Perempuan", data: d.perempuan, backgroundColor: WARNA_P }
    ] } };
  }

  function gambar() {
    var kanvas = document.getElementById("grafik-statistik");
    var sumber = document.getElementById("data-grafik");
    if (grafik) { grafik.destroy(); grafik = null; }
    if (!kanvas || !sumber || typeof Chart === "undefined") { return; }
    var d = JSON.parse(sumber.textContent);
    var n = d.label.length;
    // Bars get a fixed height each, so 89 occupations stay readable on a phone.
    var tinggi = d.jenis === "donat" ? 340 : Math.max(280, n * (d.jenis === "piramida" ? 22 : 24) + 90);
    kanvas.parentNode.style.height = tinggi + "px";
    grafik = new Chart(kanvas, konfigurasi(d));
    kanvas.setAttribute("data-siap", "1");
  }

  document.addEventListener("click", function (evt) {
    var tombol = evt.target.closest("[data-unduh-png]");
    if (!tombol || !grafik) { return; }
    var a = document.createElement("a");
    a.href = grafik.toBase64Image("image/png", 1);
    a.download = tombol.getAttribute("data-unduh-png") + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  document.addEventListener("change", function (evt) {
    if (evt.target.matches("select[data-kirim-otomatis]")) { evt.target.form.submit(); }
  });

  document.addEventListener("htmx:afterSettle", function (evt) {
    if (evt.target && evt.target.id === "isi-statistik") { gambar(); }
  });
  // Back/forward restores a snapshot of the page: its canvas comes back blank, so redraw.
  document.addEventListener("htmx:historyRestore", gambar);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", gambar);
  } else {
    gambar();
  }
})();
