// Site search (issue 14): a search box in Material's header, over the Pagefind index that
// actionplan.search.index_site writes to <site root>/pagefind/ after each build, on any engine.
//
// Nothing of the index loads with the page: pagefind.js, its WebAssembly and ids.json are fetched
// the first time the reader opens the box (header button, or the keys / s f as in Material).
// Chinese: the Han runs of a query become the same character-bigram tokens the index holds
// (index_site), so a word is found however a segmenter cut it; when that finds few pages, the
// query as typed (Pagefind's own segmentation) adds what it finds after them. An ID (I.3.5,
// i-3-5, III 6 4, c19) or an agency acronym goes straight to its page, from ids.json.
// Requests go to this site only.
(function () {
  "use strict";
  var script = document.currentScript;
  var SRC = script && script.src ? script.src : null;
  if (!SRC || !document.querySelector) return;

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var HAN1 = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var TOKEN = /\s*\bzz[0-9a-f]{4,10}\b/g;
  var SHOW = 10;
  var LABELS = {
    zh: {
      search: "搜索", open: "搜索（快捷键 /）", close: "关闭搜索", placeholder: "搜索计划、评论、机构或编号",
      kind: "类型", pillar: "支柱", all: "全部", both: "同时搜索中英文", results: "搜索结果",
      loading: "正在加载搜索索引…", none: "没有找到结果", count: "{n} 个结果", failed: "搜索索引加载失败",
      hint: "输入词语、短语或编号（如 I.3.5）",
      kinds: { action: "行动", goal: "目标", pillar: "支柱", commentary: "评论", agency: "机构", intro: "引言", record: "官方文件", page: "页面" }
    },
    en: {
      search: "Search", open: "Search (shortcut /)", close: "Close search", placeholder: "Search the plan, commentary, agencies or IDs",
      kind: "Kind", pillar: "Pillar", all: "All", both: "Search both languages", results: "Search results",
      loading: "Loading the search index…", none: "No results", count: "{n} results", failed: "The search index could not be loaded",
      hint: "Type words, a phrase or an ID (e.g. I.3.5)",
      kinds: { action: "Action", goal: "Goal", pillar: "Pillar", commentary: "Commentary", agency: "Agency", intro: "Introduction", record: "Official instrument", page: "Page" }
    }
  };
  var FILTER_KINDS = ["action", "goal", "pillar", "commentary", "agency"];

  var lang = (document.documentElement.getAttribute("lang") || "zh").slice(0, 2) === "en" ? "en" : "zh";
  var other = lang === "en" ? "zh" : "en";
  var L = LABELS[lang];
  // The script is <tree root>/assets/search.js; the English tree lives at <site root>/en/, and the
  // index is shared by both trees at <site root>/pagefind/.
  var tree = new URL("../", SRC);
  var root = lang === "en" && /\/en\/$/.test(tree.pathname) ? new URL("../", tree) : tree;
  var bundle = new URL("pagefind/", root);

  var state = { pf: null, ids: null, loading: null, seq: 0, opener: null, merged: false };
  var ui = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function svg(path) {
    var ns = "http://www.w3.org/2000/svg";
    var s = document.createElementNS(ns, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    var p = document.createElementNS(ns, "path");
    p.setAttribute("d", path);
    s.appendChild(p);
    return s;
  }
  var MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";

  function select(name, label, values) {
    var s = el("select", { class: "ap-search__select", name: name, "aria-label": label });
    s.appendChild(el("option", { value: "", text: label + ": " + L.all }));
    values.forEach(function (v) { s.appendChild(el("option", { value: v[0], text: v[1] })); });
    return s;
  }

  function build() {
    var input = el("input", {
      type: "search", class: "ap-search__input", id: "ap-search-input", autocomplete: "off", autocapitalize: "off",
      spellcheck: "false", enterkeyhint: "search", placeholder: L.placeholder, "aria-label": L.search,
      "aria-controls": "ap-search-results", "aria-describedby": "ap-search-status"
    });
    var close = el("button", { type: "button", class: "ap-search__close md-icon", "aria-label": L.close, title: L.close }, [svg(CLOSE)]);
    var kind = select("kind", L.kind, FILTER_KINDS.map(function (k) { return [k, L.kinds[k]]; }));
    var pillar = select("pillar", L.pillar, [["I", "I"], ["II", "II"], ["III", "III"]]);
    var both = el("input", { type: "checkbox", name: "both", id: "ap-search-both" });
    var bothLabel = el("label", { class: "ap-search__both", for: "ap-search-both" }, [both, document.createTextNode(" " + L.both)]);
    var status = el("p", { class: "ap-search__status", id: "ap-search-status", role: "status", "aria-live": "polite", text: L.hint });
    var list = el("ol", { class: "ap-search__results", id: "ap-search-results", "aria-label": L.results });
    var form = el("form", { class: "ap-search__form", role: "search", action: "", "aria-label": L.search }, [
      el("div", { class: "ap-search__bar" }, [svg(MAGNIFY), input, close]),
      el("div", { class: "ap-search__filters" }, [kind, pillar, bothLabel])
    ]);
    var panel = el("div", { class: "ap-search__panel md-typeset" }, [form, status, list]);
    var dialog = el("div", { class: "ap-search", id: "ap-search", role: "dialog", "aria-modal": "true", "aria-label": L.search, hidden: "" }, [
      el("div", { class: "ap-search__scrim", "data-ap-search-close": "" }), panel
    ]);
    document.body.appendChild(dialog);
    ui = { dialog: dialog, input: input, kind: kind, pillar: pillar, both: both, status: status, list: list };

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    input.addEventListener("input", run);
    [kind, pillar, both].forEach(function (c) { c.addEventListener("change", run); });
    close.addEventListener("click", hide);
    dialog.querySelector("[data-ap-search-close]").addEventListener("click", hide);
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); hide(); return; }
      if (e.key === "Tab") trap(e);
      if (e.key === "ArrowDown" || e.key === "ArrowUp") arrows(e);
    });
  }

  function focusables() {
    return Array.prototype.filter.call(ui.dialog.querySelectorAll("input, select, button, a[href]"), function (n) {
      return !n.disabled && n.offsetParent !== null;
    });
  }
  function trap(e) {
    var f = focusables();
    if (!f.length) return;
    var first = f[0], last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }
  function arrows(e) {
    var links = Array.prototype.slice.call(ui.list.querySelectorAll("a"));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    if (document.activeElement === ui.input && e.key === "ArrowDown") i = -1;
    else if (i < 0) return;
    e.preventDefault();
    var j = i + (e.key === "ArrowDown" ? 1 : -1);
    if (j < 0) ui.input.focus();
    else links[Math.min(j, links.length - 1)].focus();
  }

  function show() {
    if (!ui) build();
    if (!ui.dialog.hidden) { ui.input.focus(); return; }
    state.opener = document.activeElement;
    ui.dialog.hidden = false;
    document.documentElement.classList.add("ap-search-open");
    ui.input.focus();
    ui.input.select();
    load().then(run, function () { ui.status.textContent = L.failed; });
  }
  function hide() {
    if (!ui || ui.dialog.hidden) return;
    ui.dialog.hidden = true;
    document.documentElement.classList.remove("ap-search-open");
    var o = state.opener;
    var back = o && o !== document.body && document.contains(o) ? o : document.querySelector(".ap-search-button");
    if (back && back.focus) back.focus();
  }

  function load() {
    if (state.loading) return state.loading;
    if (ui.input.value) ui.status.textContent = L.loading;
    var pf = import(new URL("pagefind.js", bundle).href).then(function (pf) {
      return pf.options({ basePath: bundle.pathname, baseUrl: root.pathname }).then(function () { return pf.init(); })
        .then(function () { state.pf = pf; return pf; });
    });
    var ids = fetch(new URL("ids.json", bundle).href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; }, function () { return {}; })
      .then(function (j) { state.ids = j; });
    state.loading = Promise.all([pf, ids]);
    state.loading.catch(function () { state.loading = null; });
    return state.loading;
  }

  // The other language's index: the same bundle under a second path (Pagefind skips merging
  // the primary path itself), so both trees share one index folder.
  function mergeOther() {
    if (state.merged) return Promise.resolve();
    state.merged = true;
    return state.pf.mergeIndex(bundle.pathname + "./", { language: other });
  }

  function bigrams(q) {
    return q.replace(HAN, function (run) {
      var c = Array.from(run), t = [];
      if (c.length === 1) t.push("zz" + c[0].codePointAt(0).toString(16));
      for (var i = 1; i < c.length; i++) t.push("zz" + c[i - 1].codePointAt(0).toString(16) + c[i].codePointAt(0).toString(16));
      return " " + t.join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  // ID queries: "I.3.5", "i-3-5", "III 6 4", "行动 I.3.5", "c19", "intro"; agency IDs (acronyms).
  function idOf(q) {
    var s = q.trim().replace(/^(行动|目标|支柱|评论单元|评论|机构|action|goal|pillar|commentary|agency)\s*/i, "").trim();
    var m = s.match(/^(iii|ii|i)(?:(?:[\s.\-\/_]+|(?=\d))(\d{1,2}))?(?:[\s.\-\/_]+(\d{1,2}))?$/i);
    if (m) return [m[1].toUpperCase()].concat(m[2] ? [String(+m[2])] : [], m[3] ? [String(+m[3])] : []).join(".");
    m = s.match(/^c\s*0*(\d{1,3})$/i);
    if (m) return "C" + (m[1].length < 2 ? "0" : "") + m[1];
    if (/^(intro|引言|introduction)$/i.test(s)) return "intro";
    if (/^[a-z][a-z&\-]{1,9}$/i.test(s)) return s.toUpperCase();
    return null;
  }
  function pinned(q, langs, filters) {
    var uid = idOf(q), out = [];
    if (!uid || !state.ids) return out;
    langs.forEach(function (lg) {
      var hit = state.ids[lg] && state.ids[lg][uid];
      if (!hit) return;
      var kind = hit[2], pillar = /^(I{1,3})(\.|$)/.test(uid) ? uid.split(".")[0] : null;
      if (filters.kind && filters.kind !== kind) return;
      if (filters.pillar && filters.pillar !== pillar) return;
      out.push({ url: root.pathname + hit[0], uid: uid, title: hit[1], kind: kind, lang: lg, snippet: "" });
    });
    return out;
  }

  function plain(html) {
    var d = document.createElement("div");
    d.innerHTML = html;
    return d.textContent || "";
  }
  function snippetFor(content, q) {
    var text = content.replace(TOKEN, "");
    var runs = q.match(HAN) || [];
    var needle = q.trim();
    var at = text.indexOf(needle);
    if (at < 0) {
      runs.sort(function (a, b) { return b.length - a.length; });
      for (var i = 0; i < runs.length && at < 0; i++) { needle = runs[i]; at = text.indexOf(needle); }
    }
    if (at < 0) return null;
    var start = Math.max(0, at - 30), end = Math.min(text.length, at + needle.length + 50);
    return [(start > 0 ? "…" : "") + text.slice(start, at), needle, text.slice(at + needle.length, end) + (end < text.length ? "…" : "")];
  }

  function toResult(d, q, lg) {
    var f = d.filters || {};
    var r = {
      url: d.url, uid: (d.meta && d.meta.uid) || "", title: (d.meta && d.meta.title) || "", lang: lg,
      kind: (f.kind && f.kind[0]) || "page", snippet: null, excerpt: (d.excerpt || "").replace(TOKEN, "")
    };
    if (HAN1.test(q)) r.snippet = snippetFor(d.content || "", q);
    if (!r.title && d.meta && d.meta.title) r.title = d.meta.title;
    return r;
  }

  function search(q, filters) {
    var pf = state.pf, opts = { filters: filters };
    var cjk = HAN1.test(q);
    var first = cjk ? bigrams(q) : q;
    return pf.search(first, opts).then(function (s) {
      var results = s.results.slice();
      if (!cjk || results.length >= 5) return results;
      return pf.search(q, opts).then(function (t) {
        var seen = {};
        results.forEach(function (r) { seen[r.id] = true; });
        return results.concat(t.results.filter(function (r) { return !seen[r.id]; }));
      });
    });
  }

  function run() {
    if (!ui || !state.pf) return;
    var q = ui.input.value.trim();
    var seq = ++state.seq;
    if (!q) { ui.list.textContent = ""; ui.status.textContent = L.hint; return; }
    var filters = {};
    if (ui.kind.value) filters.kind = ui.kind.value;
    if (ui.pillar.value) filters.pillar = ui.pillar.value;
    var langs = ui.both.checked ? [lang, other] : [lang];
    var ready = ui.both.checked ? mergeOther() : Promise.resolve();
    var idq = idOf(q);
    var onlyId = idq && /^(I{1,3}(\.\d+){0,2}|C\d+|intro)$/.test(idq) && pinned(q, langs, filters).length;
    ready.then(function () {
      return onlyId ? [] : search(q, filters);
    }).then(function (hits) {
      if (seq !== state.seq) return null;
      var top = hits.slice(0, SHOW);
      return Promise.all(top.map(function (h) { return h.data(); })).then(function (data) {
        if (seq !== state.seq) return;
        var head = pinned(q, langs, filters);
        var seen = {};
        head.forEach(function (r) { seen[r.url] = true; });
        var rows = head.concat(data.map(function (d) {
          return toResult(d, q, d.url.indexOf(root.pathname + "en/") === 0 ? "en" : "zh");
        }).filter(function (r) { return !seen[r.url]; }));
        render(rows, hits.length + head.length, q);
      });
    }).catch(function () {
      if (seq === state.seq) ui.status.textContent = L.failed;
    });
  }

  function render(rows, total, q) {
    ui.list.textContent = "";
    rows.slice(0, SHOW).forEach(function (r) {
      var head = el("span", { class: "ap-search__head" });
      head.appendChild(el("span", { class: "ap-search__kind", text: L.kinds[r.kind] || r.kind }));
      if (r.uid && r.kind !== "agency") head.appendChild(el("code", { class: "ap-search__id", text: r.uid }));
      if (r.title) head.appendChild(el("span", { class: "ap-search__title", text: r.title }));
      if (ui.both.checked) head.appendChild(el("span", { class: "ap-search__lang", text: r.lang === "en" ? "EN" : "中文" }));
      var body = el("span", { class: "ap-search__snippet" });
      if (r.snippet) {
        body.appendChild(document.createTextNode(r.snippet[0]));
        body.appendChild(el("mark", { text: r.snippet[1] }));
        body.appendChild(document.createTextNode(r.snippet[2]));
      } else if (r.excerpt) {
        // Pagefind's excerpt is escaped text with <mark> around the hits: rebuild it as nodes.
        r.excerpt.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
          var m = part.match(/^<mark>(.*)<\/mark>$/);
          if (m) body.appendChild(el("mark", { text: plain(m[1]) }));
          else if (part) body.appendChild(document.createTextNode(plain(part)));
        });
      }
      var a = el("a", { class: "ap-search__link", href: r.url, "data-uid": r.uid }, [head, body]);
      if (r.lang !== lang) a.setAttribute("hreflang", r.lang);
      ui.list.appendChild(el("li", { class: "ap-search__item" }, [a]));
    });
    ui.status.textContent = rows.length ? L.count.replace("{n}", String(Math.max(total, rows.length))) : L.none;
    ui.list.setAttribute("data-query", q);
  }

  function button() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".ap-search-button")) return;
    var b = el("button", {
      type: "button", class: "md-header__button md-icon ap-search-button", "aria-label": L.open, title: L.open,
      "aria-haspopup": "dialog", "aria-controls": "ap-search", "aria-keyshortcuts": "/ s f"
    }, [svg(MAGNIFY)]);
    b.addEventListener("click", show);
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(b, source);
  }

  function typing(t) {
    return t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
  }
  // Material's shortcuts: / s f open search. Captured first, so no other handler acts on them.
  window.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if ((e.key === "/" || e.key === "s" || e.key === "f") && !typing(e.target) && (!ui || ui.dialog.hidden)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      show();
    }
  }, true);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", button);
  else button();
  // Material's instant navigation (if enabled) swaps the page body: put the button back.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(button);
  window.apSearch = { open: show, close: hide, idOf: idOf, bigrams: bigrams };
})();
