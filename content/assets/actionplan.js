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
    // Citations: the access date is the moment of reading, so each access clause is an empty,
    // hidden span carrying its text with placeholders; it is filled in and shown now, and
    // filled in again at each copy (the date may have changed since the page was opened).
    document.querySelectorAll(".ap-cite-item").forEach(function (item) {
      var code = item.querySelector(".ap-cite-text code");
      var button = item.querySelector("[data-ap-cite-copy]");
      if (!code || !button) return;
      fillAccess(code);
      button.addEventListener("click", function () { fillAccess(code); copy(code.textContent, button); });
    });
    // One citation format at a time; the reader's choice is remembered across pages.
    var chosen;
    try { chosen = localStorage.getItem(FMT_KEY); } catch (e) { chosen = null; }
    document.querySelectorAll('input[name="ap-cite-fmt"]').forEach(function (input) {
      if (chosen && input.getAttribute("data-ap-fmt-name") === chosen) input.checked = true;
      input.addEventListener("change", function () {
        try { localStorage.setItem(FMT_KEY, input.getAttribute("data-ap-fmt-name")); } catch (e) { /* not remembered */ }
      });
    });
  }
  var FMT_KEY = "ap-cite-fmt";
  function fillAccess(root) {
    root.querySelectorAll("[data-ap-accessed]").forEach(function (span) {
      span.textContent = fillDates(span.getAttribute("data-ap-accessed"));
      span.hidden = false;
    });
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fillDates(text) {
    var d = new Date();
    var iso = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    var long = MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
    return text.split("{ACCESSED_LONG}").join(long).split("{ACCESSED_SLASHED}").join(iso.split("-").join("/"))
      .split("{ACCESSED}").join(iso);
  }
  window.apFillDates = fillDates;

  // The ID box on the identifiers page: accepts any case and ".", "-", "/" or spaces.
  function normalize(raw) {
    var s = String(raw || "").trim().replace(/^\/+|\/+$/g, "").replace(/^(id|plan)\//i, "");
    if (/^intro$/i.test(s)) return "intro";
    var c = s.match(/^c\s*0*(\d+)$/i);
    if (c) return "C" + (c[1].length < 2 ? "0" : "") + c[1];
    var m = s.match(/^(iii|ii|i)((?:[\s.\-\/_]+\d+){0,2})$/i);
    if (!m) return null;
    var nums = m[2].split(/[\s.\-\/_]+/).filter(Boolean);
    return [m[1].toUpperCase()].concat(nums).join(".");
  }
  window.apNormalizeId = normalize;
  function anyCase(known, raw) {
    var s = String(raw || "").trim().replace(/^\/+|\/+$/g, "").replace(/^id\//i, "").toLowerCase();
    return Object.keys(known).filter(function (k) { return k.toLowerCase() === s; })[0] || null;
  }
  function initGoto() {
    document.querySelectorAll("form[data-ap-goto]").forEach(function (form) {
      var known = JSON.parse(form.getAttribute("data-ap-ids"));
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var raw = form.querySelector("input").value;
        var id = normalize(raw);
        var out = form.querySelector("output");
        if (!id || known[id] === undefined) id = anyCase(known, raw);  // an agency: DOC, doc, Census
        if (id) {
          window.location.href = form.getAttribute("data-ap-base") + known[id];
        } else {
          out.textContent = form.getAttribute("data-ap-no-such") + raw;
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initGoto); else initGoto();
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
  // The theme's language selector links each language's home page; every page exists in both
  // builds at the same path below its build's root, so each link is pointed at this page's
  // counterpart (the theme's own sitemap lookup goes to the link when it finds no match).
  function initLanguageSwitch() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".md-select__link[hreflang]"));
    var here = document.documentElement.lang;
    var mine = links.filter(function (l) { return l.getAttribute("hreflang") === here; })[0];
    if (!mine) return;
    var root = new URL(mine.getAttribute("href"), location.href).pathname;
    if (location.pathname.indexOf(root) !== 0) return;
    var rest = location.pathname.slice(root.length);
    links.forEach(function (l) {
      l.setAttribute("href", new URL(l.getAttribute("href"), location.href).pathname + rest);
    });
  }
  // Switching language keeps the place: the paragraph (#p3) or section the reader is at, as it is
  // when the link is followed (a ¶ link may have changed it since the page loaded). Every page's
  // counterpart has the same anchors. The link itself is followed, with the fragment; the click goes
  // no further, so the theme's own handler for links below a <link rel="alternate"> (which rebuilds
  // the address from this page's path, and drops the fragment) does not replace it.
  function keepFragment() {
    document.addEventListener("click", function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest("a.ap-other-lang, .md-select__link[hreflang]") : null;
      if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      var url = new URL(a.getAttribute("href"), location.href);
      url.hash = location.hash;
      a.setAttribute("href", url.href);
      ev.stopPropagation();
    }, true);
  }
  // The 404 page answers every missing path (GitHub Pages serves the root's 404.html): it shows the
  // language of the path asked for, and marks the document so (the search, run next, reads it).
  // Run at once, before the search script starts: this script is loaded first, at the end of the body.
  function initNotFound() {
    var box = document.querySelector("[data-ap-404]");
    if (!box) return;
    var up = new URL(box.getAttribute("data-ap-404"), location.href).pathname;
    var rest = location.pathname.indexOf(up) === 0 ? location.pathname.slice(up.length) : "";
    var parts = Array.prototype.slice.call(box.querySelectorAll("[data-ap-404-lang]"));
    var chosen = parts.filter(function (s) {
      var prefix = s.getAttribute("data-ap-404-prefix");
      return prefix && rest.indexOf(prefix) === 0;
    })[0] || parts.filter(function (s) { return !s.getAttribute("data-ap-404-prefix"); })[0];
    if (!chosen) return;
    var lang = chosen.getAttribute("data-ap-404-lang");
    parts.forEach(function (s) { s.hidden = s.getAttribute("data-ap-404-lang") !== lang; });
    document.documentElement.setAttribute("lang", chosen.getAttribute("lang"));
    document.title = chosen.textContent;
  }
  initNotFound();
  function init2() { init(); initLanguageSwitch(); keepFragment(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init2); else init2();
})();
