// Surat massal: show only the fields of the chosen way of picking recipients (dusun/RW/RT,
// umur/jenis kelamin, or a list of NIK). Without JavaScript every field stays visible.
(function () {
  function tampilkan() {
    var pilih = document.querySelector("input[name=sumber]:checked");
    if (!pilih) { return; }
    document.querySelectorAll("[data-untuk-sumber]").forEach(function (el) {
      el.hidden = el.getAttribute("data-untuk-sumber") !== pilih.value;
    });
  }
  document.addEventListener("change", function (evt) {
    if (evt.target.name === "sumber") { tampilkan(); }
  });
  document.addEventListener("DOMContentLoaded", tampilkan);
})();
