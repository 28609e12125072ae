// Site search (issue 14): a search box in Material's header, over the Pagefind index that
// actionplan.search.index_site writes to <site root>/pagefind/ after each build, on any engine.
//
// Nothing of the index loads with the page: pagefind.js and its WebAssembly are fetched the first
// time the reader opens the box (header button, or the keys / s f as in Material); the index chunks
// a query needs, and the stored text of the results shown (5, then 5 more on request), when it runs.
// Pagefind runs on the page's own thread (noWorker): no worker script to fetch, and a query takes
// a few milliseconds of it. One query runs at a time; typing during one queues only the latest.
// Chinese: the Han runs of a query become the same character-bigram tokens the index holds
// (actionplan.search.indexed_copy), so a word is found however a segmenter would cut it; the index
// stores those tokens as the page's text, and decode() turns them back into characters.
// An ID (I.3.5, i-3-5, III 6 4, c19) or an agency acronym goes straight to its page, from
// ids.<lang>.json, fetched with the first query that looks like one. Requests go to this site only.
(function () {
  "use strict";
  var script = document.currentScript;
  var SRC = script && script.src ? script.src : null;
  if (!SRC || !document.querySelector) return;

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var HAN1 = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var TOKEN_RUN = /\s*\bzz[0-9a-f]{4}(?:[0-9a-f]{4})?\b(?:\s+zz[0-9a-f]{4}(?:[0-9a-f]{4})?\b)*\s*/g;
  var CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef]/;
  // Half-width punctuation Chinese text sets tight (as search.py's _TIGHT_AFTER and _TIGHT_BEFORE).
  var TIGHT_AFTER = /[,;:!?.)\]}"'“”‘’(\[{]/;
  var TIGHT_BEFORE = /[,;:)\]}"'“”‘’(\[{]/;
  var PAGE = 5;  // results whose text is fetched at once; "more" fetches the next PAGE
  var LABELS = {
    zh: {
      search: "搜索", open: "搜索（快捷键 /）", close: "关闭搜索", placeholder: "搜索计划、评论、机构或编号",
      kind: "类型", pillar: "支柱", all: "全部", both: "同时搜索中英文", results: "搜索结果",
      loading: "正在加载搜索索引…", none: "没有找到结果", count: "{n} 个结果", failed: "搜索索引加载失败",
      more: "显示更多结果", shown: "{n} 个结果，显示前 {k} 个",
      hint: "输入词语、短语或编号（如 I.3.5）",
      kinds: { action: "行动", goal: "目标", pillar: "支柱", commentary: "评论", agency: "机构", intro: "引言", record: "官方文件", page: "页面" }
    },
    en: {
      search: "Search", open: "Search (shortcut /)", close: "Close search", placeholder: "Search the plan, commentary, agencies or IDs",
      kind: "Kind", pillar: "Pillar", all: "All", both: "Search both languages", results: "Search results",
      loading: "Loading the search index…", none: "No results", count: "{n} results", failed: "The search index could not be loaded",
      more: "Show more results", shown: "{n} results, showing the first {k}",
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

  var state = { pf: null, ids: {}, loading: null, seq: 0, busy: false, queued: false, opener: null, merged: false, more: null };
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
    var more = el("button", { type: "button", class: "ap-search__more md-button", hidden: "", text: L.more });
    var form = el("form", { class: "ap-search__form", role: "search", action: "", "aria-label": L.search }, [
      el("div", { class: "ap-search__bar" }, [svg(MAGNIFY), input, close]),
      el("div", { class: "ap-search__filters" }, [kind, pillar, bothLabel])
    ]);
    var panel = el("div", { class: "ap-search__panel md-typeset" }, [form, status, list, more]);
    var dialog = el("div", { class: "ap-search", id: "ap-search", role: "dialog", "aria-modal": "true", "aria-label": L.search, hidden: "" }, [
      el("div", { class: "ap-search__scrim", "data-ap-search-close": "" }), panel
    ]);
    document.body.appendChild(dialog);
    ui = { dialog: dialog, input: input, kind: kind, pillar: pillar, both: both, status: status, list: list, more: more };
    more.addEventListener("click", showMore);

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
    state.loading = import(new URL("pagefind.js", bundle).href).then(function (pf) {
      return pf.options({ basePath: bundle.pathname, baseUrl: root.pathname, noWorker: true })
        .then(function () { return pf.init(); })
        // An empty preload returns once the WebAssembly and the index's metadata are in.
        .then(function () { return pf.preload(""); })
        .then(function () { state.pf = pf; return pf; });
    });
    state.loading.catch(function () { state.loading = null; });
    return state.loading;
  }

  // ids.<lang>.json: {ID: [url from the site root, title, kind]}, fetched once per language.
  function ids(langs) {
    return Promise.all(langs.map(function (lg) {
      if (!state.ids[lg]) {
        state.ids[lg] = fetch(new URL("ids." + lg + ".json", bundle).href, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : {}; }, function () { return {}; });
      }
      return state.ids[lg];
    })).then(function (maps) {
      var out = {};
      langs.forEach(function (lg, i) { out[lg] = maps[i]; });
      return out;
    });
  }

  // The other language's index: the same bundle under a second path (Pagefind skips merging
  // the primary path itself), so both trees share one index folder.
  function mergeOther() {
    if (state.merged) return state.merged;
    // Its results carry the filter "ap-lang" (Pagefind's mergeFilter), so that a search of this
    // language alone can leave them out once the index has been merged (it cannot be unmerged).
    state.merged = state.pf.mergeIndex(bundle.pathname + "./", { language: other, mergeFilter: { "ap-lang": other } });
    return state.merged;
  }

  function bigrams(q) {
    return q.replace(HAN, function (run) {
      var c = Array.from(run), t = [];
      if (c.length === 1) t.push("zz" + c[0].codePointAt(0).toString(16));
      for (var i = 1; i < c.length; i++) t.push("zz" + c[i - 1].codePointAt(0).toString(16) + c[i].codePointAt(0).toString(16));
      return " " + t.join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  // Stored text back to characters (actionplan.search.decode_tokens does the same): a token
  // continues the run before it when its first character is that token's second; two runs in a
  // row get one space; a run keeps one space on a side where other text stands, none beside CJK
  // punctuation, half-width punctuation Chinese text sets tight, or the text's ends; Pagefind's zero-width word breaks go.
  function decode(text) {
    return String(text || "").replace(/\u200b/g, "").replace(TOKEN_RUN, function (m, at, str) {
      var out = "", prev = null;
      m.trim().split(/\s+/).forEach(function (t) {
        var a = String.fromCodePoint(parseInt(t.slice(2, 6), 16));
        var b = t.length === 10 ? String.fromCodePoint(parseInt(t.slice(6, 10), 16)) : "";
        if (prev && b && a === prev) out += b;
        else out += (out ? " " : "") + a + b;
        prev = b;
      });
      var left = str.charAt(at - 1), end = at + m.length, right = str.charAt(end);
      var before = at > 0 && !CJK_PUNCT.test(left) && !TIGHT_BEFORE.test(left) && /^\s/.test(m) ? " " : "";
      var after = end < str.length && !CJK_PUNCT.test(right) && !TIGHT_AFTER.test(right) && /\s$/.test(m) ? " " : "";
      return before + out + after;
    });
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
  function isUnitId(uid) { return /^(I{1,3}(\.\d+){0,2}|C\d+|intro)$/.test(uid || ""); }
  function pinned(uid, maps, langs, filters) {
    var out = [];
    if (!uid) return out;
    langs.forEach(function (lg) {
      var hit = maps[lg] && maps[lg][uid];
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
    var text = decode(content);
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

  function toResult(d, q) {
    var f = d.filters || {};
    var r = {
      url: d.url, uid: (d.meta && d.meta.uid) || "", title: decode(d.meta && d.meta.title), kind: (f.kind && f.kind[0]) || "page",
      lang: d.url.indexOf(root.pathname + "en/") === 0 ? "en" : "zh", snippet: null, excerpt: d.excerpt || ""
    };
    if (HAN1.test(q)) r.snippet = snippetFor(d.content || "", q);
    return r;
  }

  // One query at a time: input during a query only marks it stale, and the newest text runs next.
  function run() {
    if (!ui || !state.pf) return;
    state.seq++;
    if (state.busy) { state.queued = true; return; }
    state.busy = true;
    state.queued = false;
    query(state.seq).then(done, function () {
      ui.status.textContent = L.failed;
      done();
    });
  }
  function done() {
    state.busy = false;
    if (state.queued) run();
  }

  function query(seq) {
    var q = ui.input.value.trim();
    if (!q) {
      state.more = null;
      ui.list.textContent = "";
      ui.more.hidden = true;
      ui.status.textContent = L.hint;
      ui.list.setAttribute("data-query", "");
      return Promise.resolve();
    }
    var filters = {};
    if (ui.kind.value) filters.kind = ui.kind.value;
    if (ui.pillar.value) filters.pillar = ui.pillar.value;
    var langs = ui.both.checked ? [lang, other] : [lang];
    var only = !ui.both.checked && state.merged ? { all: [filters], not: { "ap-lang": other } } : filters;
    var uid = idOf(q);
    var stale = function () { return seq !== state.seq; };
    return Promise.all([uid ? ids(langs) : {}, ui.both.checked ? mergeOther() : null]).then(function (got) {
      if (stale()) return null;
      var head = pinned(uid, got[0], langs, filters);
      // A unit's ID that names a unit needs no full-text search; an acronym gets both.
      var found = head.length && isUnitId(uid) ? Promise.resolve({ results: [] })
        : state.pf.search(HAN1.test(q) ? bigrams(q) : q, { filters: only });
      return found.then(function (s) {
        if (stale()) return null;
        var seen = {};
        head.forEach(function (r) { seen[r.url] = true; });
        state.more = { q: q, seq: seq, head: head, hits: s.results, next: 0, rows: [], seen: seen };
        return page(state.more);
      });
    });
  }

  // The next PAGE hits' stored text (Pagefind's fragments), then the list re-rendered.
  function page(m) {
    var slice = m.hits.slice(m.next, m.next + PAGE);
    m.next += slice.length;
    return Promise.all(slice.map(function (h) { return h.data(); })).then(function (data) {
      if (m.seq !== state.seq || state.more !== m) return;
      data.forEach(function (d) {
        var r = toResult(d, m.q);
        if (!m.seen[r.url]) { m.seen[r.url] = true; m.rows.push(r); }
      });
      render(m);
    });
  }
  function showMore() {
    var m = state.more;
    if (!m || m.next >= m.hits.length) return;
    var first = m.head.length + m.rows.length;
    page(m).then(function () {
      var link = ui.list.querySelectorAll(".ap-search__link")[first];
      if (link) link.focus();
    });
  }

  function render(m) {
    var rows = m.head.concat(m.rows), total = m.head.length + m.hits.length;
    ui.list.textContent = "";
    rows.forEach(function (r) {
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
          var mk = part.match(/^<mark>(.*)<\/mark>$/);
          if (mk) body.appendChild(el("mark", { text: decode(plain(mk[1])) }));
          else if (part) body.appendChild(document.createTextNode(decode(plain(part))));
        });
      }
      var a = el("a", { class: "ap-search__link", href: r.url, "data-uid": r.uid }, [head, body]);
      if (r.lang !== lang) a.setAttribute("hreflang", r.lang);
      ui.list.appendChild(el("li", { class: "ap-search__item" }, [a]));
    });
    var n = Math.max(total, rows.length);
    ui.status.textContent = !rows.length ? L.none
      : m.next < m.hits.length ? L.shown.replace("{n}", String(n)).replace("{k}", String(rows.length)) : L.count.replace("{n}", String(n));
    ui.more.hidden = m.next >= m.hits.length;
    ui.list.setAttribute("data-query", m.q);
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
  window.apSearch = { open: show, close: hide, idOf: idOf, bigrams: bigrams, decode: decode, ready: function () { return state.pf !== null; } };
})();
