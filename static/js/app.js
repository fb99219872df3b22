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
// Slow forms (signing, uploads) say they are working: a form with data-proses="Menandatangani…"
// disables its submit button and shows that text until the next page arrives.
document.addEventListener("submit", function (evt) {
  var form = evt.target;
  var teks = form.getAttribute("data-proses");
  if (!teks || evt.defaultPrevented) { return; }
  var tombol = evt.submitter || form.querySelector("button[type=submit], button:not([type])");
  if (!tombol) { return; }
  setTimeout(function () {
    tombol.setAttribute("data-asli", tombol.innerHTML);
    tombol.disabled = true;
    tombol.setAttribute("aria-busy", "true");
    tombol.innerHTML = '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>';
    tombol.appendChild(document.createTextNode(teks));
  }, 0);
});
// The browser keeps a disabled button when the user goes back to the page: enable it again.
window.addEventListener("pageshow", function (evt) {
  if (!evt.persisted) { return; }
  document.querySelectorAll("[aria-busy=true]").forEach(function (b) {
    b.innerHTML = b.getAttribute("data-asli") || b.innerHTML;
    b.disabled = false; b.removeAttribute("aria-busy");
  });
});
// "Pilih semua": a checkbox with data-pilih-semua="name" ticks every checkbox of that name.
document.addEventListener("change", function (evt) {
  var nama = evt.target.getAttribute && evt.target.getAttribute("data-pilih-semua");
  if (!nama) { return; }
  document.querySelectorAll('input[type=checkbox][name="' + nama + '"]').forEach(function (c) { c.checked = evt.target.checked; });
});
