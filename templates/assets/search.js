/* The search box in the theme's header, over the Pagefind index that the build writes into
   pagefind/. None of Pagefind loads with the page: its script (pagefind.js) is imported when
   the reader first focuses or types in the box, and then loads only the index chunks and
   result fragments that a query needs. Every result is built from text (titles, excerpts and
   addresses are untrusted record text): an excerpt's HTML is parsed inertly and only its text
   and <mark> survive. A result opened from here carries the query in ?highlight=, whose words
   are then marked in that page's content. A query none of whose words is on any page finds
   nothing, though Pagefind offers pages with a shorter word (holdsQuery). */
(function () {
  "use strict";

  const PARAM = "highlight";
  const LABEL = "Search the record";
  const PAGE = 5; // results shown at first, and added by each "More results"
  const WAIT = 300; // milliseconds without a key press before a query runs
  const EXCERPT = 24; // words of page text around the match
  const SECTIONS = 3; // sections of a page listed under it, at most
  const KEYS = ["/", "s", "f"]; // focus the box, as Material's own search does

  const script =
    document.currentScript || document.querySelector("script[src$='assets/search.js']");
  const bundle = script ? new URL("../pagefind/", script.src) : null;
  let loading = null; // pagefind.js's module, once asked for

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* Pagefind's module, options set: results link below the site's own address wherever it
     is served (a folder of a host), and carry the query for the page they open. */
  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(async function (module) {
        await module.options({
          baseUrl: new URL("..", bundle).pathname,
          excerptLength: EXCERPT,
          highlightParam: PARAM,
        });
        module.init();
        return module;
      });
      loading.catch(function () {
        loading = null; // the next key press tries again
      });
    }
    return loading;
  }

  /* A same-origin http(s) address as a path, or null: nothing else becomes a link. */
  function safeHref(raw) {
    if (typeof raw !== "string" || raw === "") {
      return null;
    }
    let url;
    try {
      url = new URL(raw, window.location.href);
    } catch (error) {
      return null;
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== window.location.origin) {
      return null;
    }
    return url.pathname + url.search + url.hash;
  }

  /* Pagefind's excerpt (page text, escaped, with the query's words in <mark>) as text and
     new <mark> elements; DOMParser's document runs no script and loads nothing. */
  function excerpt(html) {
    const shown = element("span", "site-search__excerpt");
    const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
    for (const node of parsed.body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        shown.append(element("mark", "", node.textContent));
      } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.ELEMENT_NODE) {
        shown.append(node.textContent);
      }
    }
    return shown;
  }

  /* One entry: a link holding a title and an excerpt (a span where the address is unsafe). */
  function entry(url, title, html, className) {
    const href = safeHref(url);
    const item = element("li", className);
    const target = element(href ? "a" : "span", "site-search__link");
    if (href) {
      target.setAttribute("href", href);
    }
    target.append(element("span", "site-search__title", String(title || url || "")));
    target.append(excerpt(html));
    item.append(target);
    return item;
  }

  /* The sections of a page worth listing under it, as Pagefind's own box chooses them: not
     the page's top, and where there are many, those with most matches, in page order. */
  function sections(data) {
    let found = Array.isArray(data.sub_results) ? data.sub_results : [];
    if (found.length && found[0].url === data.url) {
      found = found.slice(1);
    }
    if (found.length <= SECTIONS) {
      return found;
    }
    const count = (section) => (section.locations || []).length;
    const best = new Set([...found].sort((a, b) => count(b) - count(a)).slice(0, SECTIONS));
    return found.filter((section) => best.has(section));
  }

  function result(data) {
    const meta = data.meta || {};
    const item = entry(data.url, meta.title, data.excerpt, "site-search__result");
    const parts = sections(data);
    if (parts.length) {
      const list = element("ul", "site-search__sections");
      for (const part of parts) {
        list.append(entry(part.url, part.title, part.excerpt, "site-search__section"));
      }
      item.append(list);
    }
    return item;
  }

  /* A word as the query and the page are compared: lower case, no accents, letters and
     digits only. */
  function bare(word) {
    return word
      .normalize("NFD")
      .replace(/[^\p{L}\p{N}]/gu, "")
      .toLowerCase();
  }

  /* The words Pagefind may have matched in a piece of page text between spaces: the piece
     whole, and each run of letters and digits in it ("shoot-out": "shootout", "shoot", "out";
     "&lt;b&gt;Gazette&lt;/b&gt;": "gazette" among them). Accents go first, so that a letter
     and its combining mark stay one run ("й" is "и" and a breve when decomposed). */
  function wordsIn(piece) {
    const lowered = piece.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    return [bare(lowered), ...lowered.split(/[^\p{L}\p{N}]+/u).filter(Boolean)];
  }

  /* Whether a result holds a word like one of the query's. Pagefind looks a word that no page
     has up as its longest beginning that some page has, down to one letter: "qwertyzz" finds
     a page with "Q". A word matched counts when it begins as the query's word does, for half
     its letters and at least three (or all of a shorter one): "killings" finds "killing" and
     "installa" finds "installed", but "qwertyzz" does not find "Q". */
  function holdsQuery(data, query) {
    const terms = query.split(/\s+/).map(bare).filter(Boolean);
    const pieces = String(data.raw_content || data.content || "").split(/[\r\n\s]+/g);
    const begins = (word, term) => {
      let same = 0;
      while (same < word.length && same < term.length && word[same] === term[same]) {
        same += 1;
      }
      return same >= Math.min(term.length, Math.max(3, Math.ceil(term.length / 2)));
    };
    const found = Array.isArray(data.locations) ? data.locations : [];
    if (!found.length) {
      return true; // no word to judge by (a match in the page's metadata): kept as given
    }
    return found.some((at) =>
      wordsIn(String(pieces[at] || "")).some((word) => terms.some((term) => begins(word, term))),
    );
  }

  function counted(total, query) {
    if (total === 0) {
      return `No results for “${query}”`;
    }
    const number = total.toLocaleString("en");
    return `${number} result${total === 1 ? "" : "s"} for “${query}”`;
  }

  function mount(header) {
    const box = element("div", "site-search");
    box.id = "site-search";
    box.setAttribute("role", "search");
    // Not a <form name="search">: the theme would start its own search for one.
    const field = element("div", "site-search__form");
    const icon = element("label", "site-search__icon");
    icon.htmlFor = "site-search-input";
    icon.title = LABEL;
    icon.append(element("span", "record-icon record-icon--material-magnify"));
    const input = element("input", "site-search__input");
    Object.assign(input, {
      id: "site-search-input",
      type: "search",
      placeholder: LABEL,
      autocomplete: "off",
      spellcheck: false,
    });
    input.setAttribute("aria-label", LABEL);
    input.setAttribute("aria-controls", "site-search-panel");
    input.setAttribute("enterkeyhint", "search");
    const clear = element("button", "site-search__clear", "×");
    clear.type = "button";
    clear.hidden = true;
    clear.title = "Clear the search";
    clear.setAttribute("aria-label", "Clear the search");
    field.append(icon, input, clear);

    const panel = element("div", "site-search__panel");
    panel.id = "site-search-panel";
    panel.hidden = true;
    const status = element("p", "site-search__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const list = element("ol", "site-search__results");
    const more = element("button", "site-search__more", "More results");
    more.type = "button";
    more.hidden = true;
    panel.append(status, list, more);
    box.append(field, panel);
    header.insertBefore(box, header.querySelector(".md-header__source"));

    let results = []; // of the query shown
    let shown = 0;
    let serial = 0; // of the latest query; an older one's answer is dropped
    let answered = 0; // the serial of the query whose results are shown
    let follow = false; // Enter came before the results: open the first when they do

    function open(opened) {
      panel.hidden = !opened;
      box.classList.toggle("site-search--open", opened);
    }

    async function showMore(mine) {
      const next = results.slice(shown, shown + PAGE);
      const data = await Promise.all(next.map((found) => found.data()));
      if (mine !== serial) {
        return null;
      }
      shown += next.length;
      const items = data.map(result);
      list.append(...items);
      more.hidden = shown >= results.length;
      return items[0] || null;
    }

    async function search(query) {
      const mine = ++serial;
      if (!query) {
        results = [];
        shown = 0;
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        open(false);
        return;
      }
      open(true);
      if (!list.childElementCount) {
        status.textContent = "Searching…";
      }
      try {
        const module = await pagefind();
        const found = await module.debouncedSearch(query, {}, WAIT);
        if (found === null || mine !== serial) {
          return; // a later key press asked again
        }
        results = found.results;
        shown = 0;
        let first = results.slice(0, PAGE);
        let data = await Promise.all(first.map((item) => item.data()));
        if (mine !== serial) {
          return;
        }
        if (!data.some((item) => holdsQuery(item, query))) {
          results = first = data = []; // only a shorter word was found: nothing was
        }
        shown = first.length;
        answered = mine;
        list.replaceChildren(...data.map(result));
        more.hidden = shown >= results.length;
        status.textContent = counted(results.length, query);
        if (follow) {
          follow = false;
          openFirst();
        }
      } catch (error) {
        if (mine === serial) {
          list.replaceChildren();
          more.hidden = true;
          status.textContent = "The search could not be loaded. Try again in a moment.";
        }
      }
    }

    /* What arrow keys move through: the box, then each result's links and the button. */
    function stops() {
      const inside = panel.hidden ? [] : [...panel.querySelectorAll("a[href], button")];
      return [input, ...inside.filter((node) => !node.hidden)];
    }

    function move(step) {
      const all = stops();
      const at = all.indexOf(document.activeElement);
      const next = all[Math.min(Math.max(at + step, 0), all.length - 1)];
      if (next) {
        next.focus();
      }
    }

    function openFirst() {
      const link = panel.hidden ? null : list.querySelector("a[href]");
      if (link) {
        link.click();
      }
    }

    function reopen() {
      if (input.value.trim() && list.childElementCount) {
        open(true);
      }
    }

    input.addEventListener("focus", function (event) {
      pagefind().catch(function () {}); // start loading; a query reports a failure
      if (!box.contains(event.relatedTarget)) {
        reopen(); // back from elsewhere, not from its own results (Escape)
      }
    });
    input.addEventListener("click", reopen);
    input.addEventListener("input", function () {
      follow = false;
      clear.hidden = input.value === "";
      search(input.value.trim());
    });
    clear.addEventListener("click", function () {
      input.value = "";
      clear.hidden = true;
      search("");
      input.focus();
    });
    more.addEventListener("click", async function () {
      if (more.disabled) {
        return; // a page is still loading: a second click would fetch the same page again
      }
      more.disabled = true;
      let first = null;
      try {
        first = await showMore(serial);
      } finally {
        more.disabled = false;
      }
      const link = first && first.querySelector("a[href]");
      if (link) {
        link.focus(); // the button may be gone: keep the keyboard on the new results
      }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        if (!panel.hidden) {
          open(false);
        } else {
          input.value = "";
          clear.hidden = true;
          search("");
        }
        input.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (panel.hidden && input.value.trim() && list.childElementCount) {
          open(true);
        }
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter" && event.target === input) {
        event.preventDefault();
        if (answered === serial) {
          openFirst();
        } else {
          follow = input.value.trim() !== ""; // typed faster than the search answered
        }
      }
    });
    // Closed when the reader works elsewhere: a click outside it, or Tab out of it.
    document.addEventListener("pointerdown", function (event) {
      if (!box.contains(event.target)) {
        open(false);
      }
    });
    box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) {
        open(false);
      }
    });
    document.addEventListener("keydown", function (event) {
      const target = event.target instanceof Element ? event.target : document.body;
      const typing = target.closest("input, textarea, select, [contenteditable]");
      const modified = event.ctrlKey || event.metaKey || event.altKey;
      if (!typing && !modified && KEYS.includes(event.key)) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  /* On a page opened from a result, mark the query's words in its content. */
  function highlight() {
    if (!new URLSearchParams(window.location.search).has(PARAM)) {
      return;
    }
    import(new URL("pagefind-highlight.js", bundle).href)
      .then(function (module) {
        new module.default({
          highlightParam: PARAM,
          markContext: "article.md-content__inner",
          addStyles: false,
        });
      })
      .catch(function () {}); // the page reads as well without the marks
  }

  function start() {
    const header = document.querySelector(".md-header__inner");
    const served = /^https?:$/.test(window.location.protocol);
    if (!bundle || !served) {
      return; // opened from disk: a browser imports no module from there
    }
    if (header && !document.getElementById("site-search")) {
      mount(header);
    }
    highlight();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
