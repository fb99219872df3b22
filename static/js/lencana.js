// The notification bell's badge refreshes itself: HTMX polls it every 30 s (see base.html).
// While the tab is hidden the polls are skipped; when it shows again the badge refreshes at
// once. Only an answer marked X-Lencana (the badge itself, not a login or 2FA page someone
// was redirected to) is swapped in, and a failed poll shows no error toast.
(function () {
  function wadah() { return document.getElementById("lonceng-jumlah"); }
  document.addEventListener("htmx:beforeRequest", function (evt) {
    if (evt.detail.elt === wadah() && document.hidden) { evt.preventDefault(); }
  });
  document.addEventListener("htmx:beforeSwap", function (evt) {
    if (evt.detail.elt !== wadah()) { return; }
    var xhr = evt.detail.xhr;
    evt.detail.shouldSwap = xhr.status === 200 && xhr.getResponseHeader("X-Lencana") === "1";
    evt.detail.isError = false;
  });
  document.addEventListener("visibilitychange", function () {
    var el = wadah();
    if (el && !document.hidden && window.htmx) { window.htmx.trigger(el, "segarkan"); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var el = wadah();
    if (!el) { return; }
    // Keep a failed poll (server restarting, network gone) from raising the site-wide error toast.
    el.addEventListener("htmx:responseError", function (evt) { evt.stopPropagation(); });
  });
})();
