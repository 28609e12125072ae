// Versioned editions: the version bar's news from later releases, the compare page, and
// paragraph anchors in "translation only" mode. Reads only files of this site (v/versions.json
// and the editions' export/units/<ID>.json); no dependencies, nothing from other hosts.
(function () {
  "use strict";
  function key(v) { return v.split(".").map(Number); }
  function newer(a, b) {  // a newer than b
    var x = key(a), y = key(b);
    for (var i = 0; i < 3; i++) { if (x[i] !== y[i]) return x[i] > y[i]; }
    return false;
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // -- the version bar -------------------------------------------------------------------------
  // An archived edition is frozen the day it is released; what came after it is in
  // v/versions.json at the site's root, which every build of the latest rewrites.
  function bar() {
    var box = document.querySelector(".ap-edition");
    if (!box) return;
    var words = {};
    Array.prototype.forEach.call(box.attributes, function (a) { if (a.name.indexOf("data-ap-w-") === 0) words[a.name.slice(10)] = a.value; });
    var mine = box.getAttribute("data-ap-edition"), up = box.getAttribute("data-ap-up"), here = box.getAttribute("data-ap-here");
    var unit = box.getAttribute("data-ap-unit");
    getJSON(box.getAttribute("data-ap-versions")).then(function (versions) {
      if (!Array.isArray(versions) || !versions.length) return;
      var list = box.querySelector(".ap-versions ul");
      if (list) {
        var last = list.lastElementChild;
        Array.prototype.slice.call(list.querySelectorAll("li[data-ap-v]")).forEach(function (li) { li.remove(); });
        Array.prototype.slice.call(list.children).forEach(function (li, i) { if (i > 0 && li !== last) li.remove(); });
        versions.forEach(function (v) {
          var li = el("li", { "data-ap-v": v.version });
          // A unit's page is in every edition; another page may be newer than an edition: its home.
          var there = box.getAttribute("data-ap-there") || "";
          var a = el("a", { href: up + "v/" + v.version + "/" + there }, v.title || v.version);
          if (box.getAttribute("data-ap-archived") === "true" && v.version === mine) a.setAttribute("aria-current", "page");
          li.appendChild(a);
          list.insertBefore(li, last);
        });
      }
      if (box.getAttribute("data-ap-archived") !== "true") return;
      var latest = versions[0].version;
      if (!newer(latest, mine)) return;
      var changed = versions.some(function (v) { return newer(v.version, mine) && (v.units || []).indexOf(unit) >= 0; });
      var old = box.querySelector(".ap-edition-old");
      if (!old) return;
      old.textContent = " " + words.edition_old.replace("{v}", mine).replace("{latest}", latest) +
        (unit ? " " + (changed ? words.edition_changed : words.edition_unchanged) : "");
      old.hidden = false;
      box.classList.add("ap-edition--outdated");
    }).catch(function () { /* no list of editions (a preview without them): the bar stays as built */ });
  }

  // -- paragraph anchors -------------------------------------------------------------------------
  // #p2 names the official text's 2nd paragraph; when only the translation is shown, go to its
  // counterpart (#p2-zh) instead of a hidden element.
  function pin() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^p\d+$/.test(id)) return;
    var p = document.getElementById(id), t = document.getElementById(id + "-zh");
    if (p && t && p.offsetParent === null) t.scrollIntoView();
  }

  // -- compare two releases of one unit -----------------------------------------------------------
  function tokens(s) { return String(s).match(/[A-Za-z0-9\u00C0-\u024F’'\-]+|\s+|[\s\S]/g) || []; }
  function diff(a, b) {  // word/character LCS diff: [[op, text]] with op in "=", "-", "+"
    var x = tokens(a), y = tokens(b), n = x.length, m = y.length, i, j;
    var L = [];
    for (i = 0; i <= n; i++) { L.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) for (j = m - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    var out = [];
    function push(op, t) { if (out.length && out[out.length - 1][0] === op) out[out.length - 1][1] += t; else out.push([op, t]); }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { push("=", x[i]); i++; j++; } else if (L[i + 1][j] >= L[i][j + 1]) { push("-", x[i]); i++; } else { push("+", y[j]); j++; }
    }
    while (i < n) push("-", x[i++]);
    while (j < m) push("+", y[j++]);
    return out;
  }
  // Not the unit's content: its addresses, and its citation record (which names each release's version and date).
  var SKIP = { url: 1, url_en: 1, pdf_page: 1, csl: 1 };
  function flatten(v, path, out) {  // {"intro.zh.1": "…"}: one readable line per leaf
    if (v === null || v === undefined) return out;
    if (Array.isArray(v) && v.every(function (x) { return typeof x !== "object" || x === null; })) {
      if (v.length && typeof v[0] === "string" && v.join("").length > 80) v.forEach(function (x, i) { out[path + "[" + (i + 1) + "]"] = String(x); });
      else out[path] = v.join(", ");
    } else if (typeof v === "object") {
      Object.keys(v).forEach(function (k) { if (!SKIP[k]) flatten(v[k], path ? path + "." + k : k, out); });
    } else out[path] = String(v);
    return out;
  }
  // A field of a unit's export in the reader's words: "text.zh" of an action is the translation,
  // of a commentary unit its original; "intro.en[2]" the official text's second paragraph.
  function fieldLabel(k, commentary, words) {
    var m = /^(text|title|intro)\.(en|zh)(?:\[(\d+)\])?$/.exec(k);
    if (m) {
      var original = commentary ? m[2] === "zh" : m[2] === "en";
      var name = m[1] === "title" ? (original ? "title_official" : "title_translation")
        : commentary ? (original ? "commentary_original" : "commentary_translation") : (original ? "official" : "translation");
      return (words[name] || k) + (m[3] ? " ¶" + m[3] : "");
    }
    var parts = k.split(/[.\[\]]+/).filter(Boolean), base = words[parts[0]];
    if (!base) return k;
    var lang = parts[parts.length - 1];
    var n = /^\d+$/.test(parts[1] || "") ? " " + (Number(parts[1]) + 1) : "";
    return base + n + (lang === "en" || lang === "zh" ? " (" + words["lang_" + lang] + ")" : "");
  }
  function compare(form) {
    var out = document.querySelector(".ap-compare-out");
    var up = form.getAttribute("data-ap-up"), editions = form.getAttribute("data-ap-editions");
    function render(unit, from, to) {
      out.textContent = "";
      Promise.all([from, to].map(function (v) { return getJSON(up + editions + v + "/export/units/" + unit + ".json"); })).then(function (docs) {
        var a = flatten(docs[0], "", {}), b = flatten(docs[1], "", {});
        var words = JSON.parse(form.getAttribute("data-ap-fields") || "{}"), commentary = "targets" in docs[1];
        var keys = Object.keys(a).concat(Object.keys(b).filter(function (k) { return !(k in a); }));
        var changed = keys.filter(function (k) { return (a[k] || "") !== (b[k] || ""); });  // an empty field is an absent one
        out.appendChild(el("h2", { id: "diff" }, unit + ": " + from + " → " + to));
        if (!changed.length) { out.appendChild(el("p", {}, "=")); return; }
        var dl = el("dl", { "class": "ap-diff" });
        changed.forEach(function (k) {
          dl.appendChild(el("dt", { "data-ap-key": k, title: k }, fieldLabel(k, commentary, words)));
          var dd = el("dd", {});
          diff(a[k] || "", b[k] || "").forEach(function (part) {
            dd.appendChild(part[0] === "=" ? document.createTextNode(part[1]) : el(part[0] === "-" ? "del" : "ins", {}, part[1]));
          });
          dl.appendChild(dd);
        });
        out.appendChild(dl);
      }).catch(function (e) { out.appendChild(el("p", { "class": "ap-diff-error" }, String(e.message || e))); });
    }
    function fromHash() {
      var q = {};
      location.search.slice(1).split("&").forEach(function (kv) { var p = kv.split("="); if (p[0]) q[p[0]] = decodeURIComponent(p[1] || ""); });
      ["unit", "from", "to"].forEach(function (name) {
        var s = form.elements[name];
        if (q[name] && s && Array.prototype.some.call(s.options, function (o) { return o.value === q[name]; })) s.value = q[name];
      });
      return q;
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = form.elements;
      if (f.from.options.length < 2) { out.textContent = form.getAttribute("data-ap-none"); return; }
      history.replaceState(null, "", "?unit=" + encodeURIComponent(f.unit.value) + "&from=" + f.from.value + "&to=" + f.to.value);
      render(f.unit.value, f.from.value, f.to.value);
    });
    var q = fromHash();
    if (form.elements.from.options.length < 2) { out.textContent = form.getAttribute("data-ap-none"); return; }
    if (q.unit) render(form.elements.unit.value, form.elements.from.value, form.elements.to.value);
  }

  function init() {
    bar();
    pin();
    window.addEventListener("hashchange", pin);
    var form = document.querySelector("form[data-ap-compare]");
    if (form) compare(form);
  }
  window.apDiff = diff;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
