// Reader controls: original/translation toggle (remembered across pages) and copy buttons.
// No network, no dependencies; works without JavaScript by showing both texts.
(function () {
  "use strict";
  var KEY = "ap-show";
  var MODES = ["both", "orig", "trans"];
  function apply(mode) {
    if (MODES.indexOf(mode) < 0) mode = "both";
    var root = document.documentElement;
    MODES.forEach(function (m) { root.classList.toggle("ap-show-" + m, m === mode); });
    document.querySelectorAll("[data-ap-show]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-ap-show") === mode));
    });
  }
  function stored() { try { return localStorage.getItem(KEY) || "both"; } catch (e) { return "both"; } }
  function init() {
    apply(stored());
    document.querySelectorAll("[data-ap-show]").forEach(function (b) {
      b.addEventListener("click", function () {
        var mode = b.getAttribute("data-ap-show");
        try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode: not remembered */ }
        apply(mode);
      });
    });
    document.querySelectorAll("[data-ap-copy]").forEach(function (b) {
      b.addEventListener("click", function () { copy(b.getAttribute("data-ap-copy"), b); });
    });
  }
  function copy(text, button) {
    var done = function () {
      var old = button.textContent; button.textContent = "✓"; setTimeout(function () { button.textContent = old; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  }
  function fallback(text) {
    var t = document.createElement("textarea"); t.value = text; document.body.appendChild(t); t.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(t); }
  }
  window.apCopy = copy;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
