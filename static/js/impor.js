// Import pages: progress bars take their width from data-persen (CSP forbids inline styles).
(function () {
  function lebar(root) {
    (root || document).querySelectorAll("[data-persen]").forEach(function (el) {
      var p = parseInt(el.getAttribute("data-persen"), 10) || 0;
      el.style.width = Math.max(0, Math.min(100, p)) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { lebar(document); });
  document.addEventListener("htmx:afterSwap", function () { lebar(document); });
})();
