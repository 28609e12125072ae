/* The record's timeline (record/): filter the instruments by pillar, issuer, relation and kind.
   Progressive enhancement: without this script the form stays hidden and every instrument is shown. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("form.ap-tl-filter").forEach(function (form) {
      var items = Array.prototype.slice.call(document.querySelectorAll(".ap-tl-item"));
      var count = form.querySelector("output");
      function apply() {
        var want = {
          pillar: form.elements.pillar.value,
          agency: form.elements.agency.value,
          kind: form.elements.kind.value,
          relation: form.elements.relation.value
        };
        var shown = 0;
        items.forEach(function (item) {
          var ok = (!want.pillar || (item.getAttribute("data-pillar") || "").split(" ").indexOf(want.pillar) >= 0) &&
            (!want.agency || item.getAttribute("data-agency") === want.agency) &&
            (!want.kind || item.getAttribute("data-kind") === want.kind) &&
            (!want.relation || (item.getAttribute("data-relation") || "").split(" ").indexOf(want.relation) >= 0);
          item.hidden = !ok;
          if (ok) shown += 1;
        });
        count.textContent = form.getAttribute("data-ap-count")
          .replace("{shown}", String(shown)).replace("{total}", String(items.length));
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
