/* Runs in <head> before first paint: marks that JavaScript works and restores
   the visitor's high-contrast choice, so the page never flashes the wrong colours.
   The choice lives in localStorage, never in a cookie: anonymous pages are
   cached whole and must not vary per visitor. */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  try {
    if (window.localStorage.getItem("civic-high-contrast") === "1") {
      root.classList.add("high-contrast");
    }
  } catch (error) {
    /* Storage blocked (private mode, policy): the default colours stay. */
  }
})();
