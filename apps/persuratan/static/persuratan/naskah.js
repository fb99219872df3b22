// The draft form: keeps the "Dipilih n unit: ..." summary under each addressee list in step
// with the selection, since a long multi-select hides most of what is chosen.
(function () {
  "use strict";
  function ringkas(select) {
    var target = document.querySelector('[data-terpilih-untuk="' + select.id + '"]');
    if (!target) { return; }
    var nama = Array.prototype.map.call(select.selectedOptions, function (o) { return o.textContent.trim(); });
    target.textContent = "";
    var label = document.createElement("span");
    label.className = "text-secondary";
    label.textContent = nama.length ? "Dipilih " + nama.length + " unit: " : "Belum ada yang dipilih.";
    target.appendChild(label);
    if (nama.length) { target.appendChild(document.createTextNode(nama.join(", "))); }
  }
  document.addEventListener("change", function (evt) {
    if (evt.target.matches && evt.target.matches("select[multiple]")) { ringkas(evt.target); }
  });
})();
