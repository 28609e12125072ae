/* Reading in place (issue 23): a footnote opens beside its marker instead of sending the reader to the
   bottom of the page, and a link to another unit of the plan or the commentary shows what it is on
   hover and keyboard focus. Progressive enhancement: without this script the marker is a link to the
   footnote list (each footnote there links back) and a unit link is an ordinary link.

   On a phone the box is a sheet along the bottom of the screen, and the page scrolls so that the
   marker stays in view above it: nothing the reader is reading is covered. Previews come from the
   open data (export/units/<ID>.json), on this site, so nothing is loaded from another host. */
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 44.9375em)");
  var box = null, content = null, closeButton = null, opener = null, hoverTimer = 0;

  function words() {  // the page's own words (both languages live in the templates' labels)
    var list = document.querySelector("ol.ap-footnotes[data-ap-close]");
    return list ? {
      close: list.getAttribute("data-ap-close"), back: list.getAttribute("data-ap-back"),
      title: list.getAttribute("data-ap-title"), inList: list.getAttribute("data-ap-in-list")
    } : null;
  }

  function ensureBox(w) {
    if (box) return;
    box = document.createElement("div");
    box.className = "ap-pop";
    box.id = "ap-pop";
    box.hidden = true;
    content = document.createElement("div");
    content.className = "ap-pop-body";
    closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.className = "ap-pop-close";
    closeButton.textContent = "×";
    closeButton.setAttribute("aria-label", w ? w.close : "×");
    closeButton.addEventListener("click", function () { close(true); });
    box.appendChild(closeButton);
    box.appendChild(content);
    document.body.appendChild(box);
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !box.hidden) close(true); });
    document.addEventListener("click", function (ev) {
      if (!box.hidden && !box.contains(ev.target) && ev.target !== opener && !(opener && opener.contains(ev.target))) close(false);
    });
    window.addEventListener("resize", function () { if (!box.hidden) place(); });
  }

  function place() {
    if (!opener) return;
    box.classList.toggle("ap-pop-sheet", NARROW.matches);
    if (NARROW.matches) {
      box.style.left = box.style.top = "";
      // Keep the marker above the sheet: scroll it into the part of the screen the sheet leaves free.
      var free = window.innerHeight - box.offsetHeight;
      var r = opener.getBoundingClientRect();
      if (r.bottom > free - 8 || r.top < 0) window.scrollBy(0, r.top - Math.max(8, (free - r.height) / 2));
      return;
    }
    var rect = opener.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.min(Math.max(8, rect.left + window.scrollX - 20), window.scrollX + document.documentElement.clientWidth - width - 8);
    var below = rect.bottom + window.scrollY + 6;
    var top = below;
    if (rect.bottom + box.offsetHeight + 12 > window.innerHeight && rect.top > box.offsetHeight + 12) {
      top = rect.top + window.scrollY - box.offsetHeight - 6;  // above the line when there is no room below
    }
    box.style.left = left + "px";
    box.style.top = top + "px";
  }

  function open(from, nodes, label, isDialog) {
    ensureBox(words());
    opener = from;
    content.textContent = "";
    nodes.forEach(function (n) { content.appendChild(n); });
    box.setAttribute("role", isDialog ? "dialog" : "tooltip");
    if (isDialog) { box.setAttribute("aria-label", label); } else { box.removeAttribute("aria-label"); }
    closeButton.hidden = !isDialog;
    box.hidden = false;
    from.setAttribute("aria-describedby", "ap-pop");
    if (isDialog) from.setAttribute("aria-expanded", "true");
    place();
    if (isDialog) closeButton.focus({ preventScroll: true });
  }

  function close(returnFocus) {
    if (!box || box.hidden) return;
    box.hidden = true;
    if (opener) {
      opener.removeAttribute("aria-describedby");
      if (opener.hasAttribute("aria-expanded")) opener.setAttribute("aria-expanded", "false");
      if (returnFocus) opener.focus({ preventScroll: true });
    }
    opener = null;
  }

  // -- footnotes ---------------------------------------------------------------------------------
  function initFootnotes() {
    var w = words();
    if (!w) return;
    var counts = {};
    document.querySelectorAll('a.ap-fnref[href^="#fn-"]').forEach(function (ref) {
      var id = ref.getAttribute("href").slice(1);
      var note = document.getElementById(id);
      if (!note) return;
      counts[id] = (counts[id] || 0) + 1;
      if (!ref.id) ref.id = "ref-" + id + "-" + counts[id];
      ref.setAttribute("aria-haspopup", "dialog");
      ref.setAttribute("aria-expanded", "false");
      // The way back from the list: one link per place the footnote is cited.
      var back = document.createElement("a");
      back.href = "#" + ref.id;
      back.className = "ap-fn-back";
      back.textContent = "↩";
      back.setAttribute("aria-label", w.back + (counts[id] > 1 ? " (" + counts[id] + ")" : ""));
      note.appendChild(document.createTextNode(" "));
      note.appendChild(back);
      ref.addEventListener("click", function (ev) {
        if (ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
        ev.preventDefault();
        if (opener === ref && !box.hidden) { close(true); return; }
        var body = document.createElement("div");
        body.lang = note.closest("[lang]") ? note.closest("[lang]").getAttribute("lang") : "en";
        Array.prototype.forEach.call(note.childNodes, function (n) {
          var isPin = n.nodeType === 1 && (n.classList.contains("ap-pin") || n.classList.contains("ap-fn-back"));
          if (!isPin) body.appendChild(n.cloneNode(true));
        });
        var head = document.createElement("p");
        head.className = "ap-pop-head";
        head.textContent = w.title.replace("{n}", note.getAttribute("value") || id.slice(3));
        var more = document.createElement("a");
        more.href = "#" + id;
        more.className = "ap-pop-more";
        more.textContent = w.inList;
        more.addEventListener("click", function () { close(false); });
        var foot = document.createElement("p");
        foot.appendChild(more);
        open(ref, [head, body, foot], head.textContent, true);
      });
    });
  }

  // -- previews of linked units ------------------------------------------------------------------
  var UNIT = /\/(plan\/((?:I{1,3})(?:\.\d+){0,2}|intro)|commentary\/(C\d+))\/$/;
  var cache = {};

  function unitOf(a) {
    if (!a.href || a.closest(".ap-pop, .md-header, .md-sidebar, .md-footer, .ap-crumbs, .ap-prevnext, .ap-siblings")) return null;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.hash) return null;
    var m = UNIT.exec(url.pathname);
    if (!m) return null;
    var here = location.pathname.replace(/#.*$/, "");
    if (url.pathname === here) return null;
    var root = url.pathname.slice(0, m.index).replace(/\/en$/, "");  // export/ is one, at the site's root
    return { id: m[2] || m[3], json: url.origin + root + "/export/units/" + (m[2] || m[3]) + ".json" };
  }

  function fetchUnit(u) {
    if (!cache[u.id]) {
      cache[u.id] = fetch(u.json).then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
    }
    return cache[u.id];
  }

  function pick(value, lang) {
    if (!value) return "";
    if (typeof value === "string") return value;
    return value[lang] || value.en || value.zh || "";
  }

  function previewNodes(a, d) {
    var lang = document.documentElement.lang === "zh" ? "zh" : "en";
    var head = document.createElement("p");
    head.className = "ap-pop-head";
    head.textContent = (a.textContent || "").trim();
    var title = pick(d.title, lang);
    var nodes = [head];
    if (title && head.textContent.indexOf(title) < 0) {
      var t = document.createElement("p");
      t.className = "ap-pop-title";
      t.textContent = title;
      nodes.push(t);
    }
    var text = d.text ? pick(d.text, d.kind === "critique" ? (lang === "zh" ? "zh" : "en") : lang)
                      : (d.intro ? (pick(d.intro, lang) || [])[0] || "" : "");
    text = String(text).replace(/\[\^\d+\]/g, "").replace(/\s+/g, " ").trim();
    if (text) {
      var p = document.createElement("p");
      p.className = "ap-pop-text";
      p.lang = d.kind === "critique" && lang === "en" && !(d.text && d.text.en) ? "zh-Hans" : (lang === "zh" ? "zh-Hans" : "en");
      p.textContent = text.length > 260 ? text.slice(0, 250).replace(/\s+\S*$/, "") + "…" : text;
      nodes.push(p);
    }
    return nodes;
  }

  function showPreview(a) {
    var u = unitOf(a);
    if (!u) return;
    fetchUnit(u).then(function (d) {
      if (document.activeElement !== a && !a.matches(":hover")) return;  // the reader has moved on
      open(a, previewNodes(a, d), "", false);
    }, function () { /* no preview: the link still works */ });
  }

  function initPreviews() {
    var hoverable = window.matchMedia("(hover: hover) and (pointer: fine)");
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (!unitOf(a)) return;
      a.addEventListener("mouseenter", function () {
        if (!hoverable.matches || NARROW.matches) return;  // a phone taps: it follows the link
        clearTimeout(hoverTimer);
        hoverTimer = setTimeout(function () { showPreview(a); }, 250);
      });
      a.addEventListener("mouseleave", function () {
        clearTimeout(hoverTimer);
        if (opener === a) close(false);
      });
      a.addEventListener("focus", function () { if (a.matches(":focus-visible")) showPreview(a); });
      a.addEventListener("blur", function () { if (opener === a) close(false); });
    });
  }

  function init() { initFootnotes(); initPreviews(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
