/* The search box in the header, where the theme's own would be: Pagefind's UI (pagefind/
   pagefind-ui.js, loaded before this file) over the index the build writes into pagefind/.
   It runs in the reader's browser and loads only the index chunks a query needs. A result
   opened from it carries its words in ?highlight=, which are then marked on that page. */
(function () {
  "use strict";
  var PARAM = "highlight";

  function bundle() {
    var ui = document.querySelector("script[src$='pagefind/pagefind-ui.js']");
    return ui ? new URL(".", ui.src).href : null;
  }

  function mount() {
    var header = document.querySelector(".md-header__inner");
    var base = bundle();
    var ready = typeof PagefindUI === "function" && header && base;
    if (!ready || document.getElementById("site-search")) {
      return; // no index beside the page (opened from disk) or already there
    }
    var box = document.createElement("div");
    box.id = "site-search";
    box.className = "site-search";
    header.insertBefore(box, header.querySelector(".md-header__source"));
    new PagefindUI({
      element: "#site-search",
      showImages: false,
      showSubResults: true,
      excerptLength: 24,
      highlightParam: PARAM,
      // Results link below the site's own address, wherever it is served (a folder of a host).
      baseUrl: new URL("..", base).pathname,
      translations: { placeholder: "Search the record", search_label: "Search the record" },
    });
    var input = box.querySelector("input");
    if (input) {
      input.setAttribute("aria-label", "Search the record"); // a title alone is no label
    }
  }

  function highlight() {
    var base = bundle();
    if (!base || !new URLSearchParams(window.location.search).has(PARAM)) {
      return;
    }
    import(base + "pagefind-highlight.js").then(function (module) {
      new module.default({
        highlightParam: PARAM,
      // Results link below the site's own address, wherever it is served (a folder of a host).
      baseUrl: new URL("..", base).pathname,
        markContext: "[data-pagefind-body]",
        addStyles: false,
      });
    });
  }

  function start() {
    mount();
    highlight();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
