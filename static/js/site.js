/* Progressive enhancements of the site shell. Every control here has a
   no-JavaScript path except the contrast toggle, which stays hidden without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var STORAGE_KEY = "civic-high-contrast";

  function setContrast(on) {
    root.classList.toggle("high-contrast", on);
    try {
      if (on) {
        window.localStorage.setItem(STORAGE_KEY, "1");
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      /* Storage blocked: the choice lasts for this page only. */
    }
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
    button.hidden = false;
    button.setAttribute("aria-pressed", root.classList.contains("high-contrast") ? "true" : "false");
    button.addEventListener("click", function () {
      setContrast(!root.classList.contains("high-contrast"));
    });
  });

  /* Skip links: move keyboard focus to the target, not just the scroll position. */
  document.querySelectorAll('.emag-shortcuts a[href^="#"]').forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        window.setTimeout(function () { target.focus(); }, 0);
      }
    });
  });
})();
