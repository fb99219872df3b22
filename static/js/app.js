// E-Desa site-wide behaviour. No inline scripts anywhere (strict Content-Security-Policy).
document.addEventListener("htmx:responseError", function (evt) {
  var status = evt.detail.xhr.status;
  var msg = status === 404 ? "Data tidak ditemukan." : status === 403 ? "Anda tidak berwenang." : "Terjadi kesalahan (" + status + "). Coba lagi.";
  var box = document.createElement("div");
  box.className = "alert alert-danger position-fixed bottom-0 end-0 m-3 shadow";
  box.setAttribute("role", "alert");
  box.textContent = msg;
  document.body.appendChild(box);
  setTimeout(function () { box.remove(); }, 5000);
});
document.addEventListener("submit", function (evt) {
  var form = evt.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { evt.preventDefault(); }
});
