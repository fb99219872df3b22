// "Cetak" buttons (no inline scripts under the Content-Security-Policy).
document.addEventListener("click", function (evt) {
  if (evt.target.closest("[data-cetak]")) { window.print(); }
});
