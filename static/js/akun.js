// Account pages: show/hide a password, copy a secret shown once. No inline scripts (CSP).
document.addEventListener("click", function (evt) {
  var lihat = evt.target.closest("[data-lihat-sandi]");
  if (lihat) {
    var input = document.getElementById(lihat.getAttribute("data-lihat-sandi"));
    if (!input) { return; }
    var tampil = input.type === "password";
    input.type = tampil ? "text" : "password";
    lihat.setAttribute("aria-label", tampil ? "Sembunyikan kata sandi" : "Tampilkan kata sandi");
    lihat.setAttribute("title", lihat.getAttribute("aria-label"));
    var ikon = lihat.querySelector(".bi");
    if (ikon) { ikon.className = tampil ? "bi bi-eye-slash" : "bi bi-eye"; }
    input.focus();
    return;
  }
  var salin = evt.target.closest("[data-salin]");
  if (salin) {
    var sumber = document.getElementById(salin.getAttribute("data-salin"));
    if (!sumber) { return; }
    var teks = "value" in sumber ? sumber.value : sumber.textContent.trim();
    var label = salin.innerHTML;
    var selesai = function () {
      salin.innerHTML = '<i class="bi bi-check2" aria-hidden="true"></i> Tersalin';
      setTimeout(function () { salin.innerHTML = label; }, 2000);
    };
    // The clipboard API needs HTTPS; a village LAN on plain HTTP falls back to selecting the text.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(teks).then(selesai);
    } else {
      var range = document.createRange();
      range.selectNodeContents(sumber);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try { document.execCommand("copy"); selesai(); } catch (e) { /* text stays selected for manual copy */ }
    }
  }
});
