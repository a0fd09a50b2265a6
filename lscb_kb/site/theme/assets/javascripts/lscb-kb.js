/* The knowledge base's scripts: browse and actions filters and the search page (Pagefind's JavaScript API).
   Both are progressive enhancements: without JavaScript the browse page is a plain sorted list
   and the search page points to it. Everything is built with DOM methods (no inline styles or
   scripts: the Content-Security-Policy forbids them) from native, keyboard-usable controls. */
(function () {
  "use strict";

  var FACETS = [
    ["theme", "Theme", "Any theme"],
    ["type", "Type", "Any type"],
    ["year", "Year", "Any year"],
    ["area", "Area", "Any area"],
    ["age", "Age band", "Any age band"]
  ];

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function plural(count, word, words) {
    return count.toLocaleString("en-GB") + " " + (count === 1 ? word : words || word + "s");
  }

  /* Values in a facet's natural order: years newest first, age bands youngest first, others A-Z. */
  function sortValues(facet, values, ageOrder) {
    if (facet === "year") return values.sort(function (a, b) { return b.localeCompare(a); });
    if (facet === "age") {
      return values.sort(function (a, b) { return ageOrder.indexOf(a) - ageOrder.indexOf(b); });
    }
    return values.sort(function (a, b) { return a.localeCompare(b, "en-GB", { sensitivity: "base" }); });
  }

  function queryParams() {
    return new URLSearchParams(location.search);
  }

  function replaceQuery(params) {
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash);
  }

  /* --- browse and actions pages: a plain list narrowed by drop-down filters ------------------- */

  var BROWSE = { facets: FACETS, items: "li[data-type]", label: "Filter entries", one: "entry", many: "entries" };
  var ACTIONS = {
    facets: [
      ["status", "Status", "Any status"],
      ["owner", "Owner", "Any owner"],
      ["board", "Board", "Any board"],
      ["theme", "Theme", "Any theme"]
    ],
    items: "li[data-status]",
    label: "Filter actions",
    one: "action",
    many: "actions"
  };

  function browse(slot, list, kind) {
    kind = kind || BROWSE;
    var items = Array.prototype.slice.call(list.querySelectorAll(kind.items));
    var ageOrder = (slot.getAttribute("data-age-order") || "").split("|");
    var statusOrder = (slot.getAttribute("data-status-order") || "").split("|");
    var params = queryParams();
    var form = el("form", { "class": "kb-filters__form", "aria-label": kind.label });
    var selects = {};
    slot.textContent = "";  /* the note for browsers without JavaScript */

    kind.facets.forEach(function (facet) {
      var key = facet[0];
      var seen = {};
      items.forEach(function (item) {
        (item.getAttribute("data-" + key) || "").split("|").forEach(function (value) {
          if (value) seen[value] = (seen[value] || 0) + 1;
        });
      });
      var values = key === "status"
        ? Object.keys(seen).sort(function (a, b) { return statusOrder.indexOf(a) - statusOrder.indexOf(b); })
        : sortValues(key, Object.keys(seen), ageOrder);
      if (!values.length) return;
      var select = el("select", { id: "kb-filter-" + key, name: key }, [el("option", { value: "", text: facet[2] })]);
      values.forEach(function (value) {
        select.appendChild(el("option", { value: value, text: value + " (" + seen[value] + ")" }));
      });
      if (params.get(key) && seen[params.get(key)]) select.value = params.get(key);
      selects[key] = select;
      form.appendChild(el("div", { "class": "kb-filters__field" }, [
        el("label", { "for": select.id, text: facet[1] }), select
      ]));
    });
    var reset = el("button", { type: "button", "class": "md-button kb-filters__reset", text: "Clear filters" });
    form.appendChild(el("div", { "class": "kb-filters__actions" }, [reset]));
    var status = el("p", { "class": "kb-status-line", role: "status", "aria-live": "polite" });
    slot.appendChild(form);
    slot.appendChild(status);

    function apply() {
      var wanted = {};
      var next = queryParams();
      Object.keys(selects).forEach(function (key) {
        if (selects[key].value) wanted[key] = selects[key].value;
        if (selects[key].value) next.set(key, selects[key].value); else next.delete(key);
      });
      var shown = 0;
      items.forEach(function (item) {
        var match = Object.keys(wanted).every(function (key) {
          return (item.getAttribute("data-" + key) || "").split("|").indexOf(wanted[key]) !== -1;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      Array.prototype.forEach.call(list.querySelectorAll("ul"), function (group) {
        var empty = !group.querySelector("li:not([hidden])");
        group.hidden = empty;
        var heading = group.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
      });
      var filtered = Object.keys(wanted).length > 0;
      status.textContent = filtered
        ? "Showing " + plural(shown, kind.one, kind.many) + " of " + items.length.toLocaleString("en-GB") + "."
        : "Showing all " + plural(items.length, kind.one, kind.many) + ".";
      replaceQuery(next);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
      apply();
      var first = selects[Object.keys(selects)[0]];
      if (first) first.focus();
    });
    apply();
  }

  /* --- search page ------------------------------------------------------------------------ */

  var PAGE_SIZE = 10;

  /* Words on nearly every page: Pagefind would download a large part of its index for each of
     them and they narrow nothing, so they are left out of the query ("did not attend" -> "attend"). */
  var STOP_WORDS = (
    "a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its " +
    "me my no nor not of on or our she so than that the their them then there these they this those to too us was we " +
    "were what when where which who whom why will with would you your"
  ).split(" ");

  function searchWords(query) {
    var words = query.split(/\s+/).filter(function (word) {
      return word && STOP_WORDS.indexOf(word.toLowerCase()) === -1;
    });
    return words.length ? words.join(" ") : query;
  }

  function cleanExcerpt(excerpt) {
    /* Pagefind escapes the page text and marks matches with <mark>: keep nothing else. */
    return String(excerpt || "").replace(/<(?!\/?mark>)[^>]*>/g, "");
  }

  function searchPage(root) {
    var ageOrder = (root.getAttribute("data-age-order") || "").split("|");
    var params = queryParams();
    var input = el("input", {
      id: "kb-q", "class": "kb-search__input", type: "search", name: "q", autocomplete: "off",
      enterkeyhint: "search", "aria-describedby": "kb-search-hint"
    });
    var form = el("form", { "class": "kb-search__form", role: "search", "aria-label": "Search the knowledge base" }, [
      el("label", { "for": "kb-q", "class": "kb-search__label", text: "Search for" }),
      el("div", { "class": "kb-search__row" }, [
        input,
        el("button", { type: "submit", "class": "md-button md-button--primary kb-search__button", text: "Search" })
      ]),
      el("p", {
        id: "kb-search-hint", "class": "kb-search__hint",
        text: "Use the words you would use at work, such as \u201cdid not attend\u201d, \u201cbruising\u201d or \u201cMASH referral\u201d."
      })
    ]);
    var filterBox = el("div", { "class": "kb-search__filter-list" });
    /* On a phone the filters fold away under one summary, so results come first; on a wide screen they stay open. */
    var filterPanel = el("details", { "class": "kb-search__panel" }, [
      el("summary", {}, [el("h2", { id: "kb-filters-title", text: "Filter results" })]), filterBox
    ]);
    filterPanel.open = window.matchMedia("(min-width: 60em)").matches;
    var filters = el("section", { "class": "kb-search__filters", "aria-labelledby": "kb-filters-title" }, [filterPanel]);
    var status = el("p", { "class": "kb-status-line", role: "status", "aria-live": "polite", id: "kb-search-status" });
    var sort = el("select", { id: "kb-sort", "class": "kb-field" }, [
      el("option", { value: "relevance", text: "Best match" }),
      el("option", { value: "date", text: "Newest first" })
    ]);
    var sortBox = el("div", { "class": "kb-search__sort" }, [el("label", { "for": "kb-sort", text: "Order" }), sort]);
    var results = el("ol", { "class": "kb-results", id: "kb-results", "aria-labelledby": "kb-results-title" });
    var more = el("button", { type: "button", "class": "md-button kb-search__more", text: "Show more results", hidden: "" });
    var resultsBox = el("section", { "class": "kb-search__results", "aria-labelledby": "kb-results-title" }, [
      el("h2", { id: "kb-results-title", "class": "kb-visually-hidden", text: "Results" }), status, sortBox, results, more
    ]);
    root.textContent = "";
    root.appendChild(form);
    root.appendChild(el("div", { "class": "kb-search__layout" }, [filters, resultsBox]));

    var checkboxes = {};  // facet -> value -> {input, count}
    var pagefind = null;
    var current = null;  // the search whose results are shown
    var latest = 0;  // numbers each search, so that a slower earlier one cannot overwrite a newer one
    var shown = 0;

    function selected() {
      var chosen = {};
      Object.keys(checkboxes).forEach(function (facet) {
        var values = Object.keys(checkboxes[facet]).filter(function (v) { return checkboxes[facet][v].input.checked; });
        if (values.length) chosen[facet] = values;
      });
      return chosen;
    }

    /* Facets are listed at once, but their values (Pagefind's filter files, a large part of what a
       search downloads) load only when a facet is opened or the address already names a filter. */
    var facets = {};
    var filtersLoading = null;

    function buildFacets() {
      FACETS.forEach(function (facet) {
        var fieldset = el("fieldset", {}, [
          el("legend", { "class": "kb-visually-hidden", text: facet[1] }),
          el("p", { "class": "kb-facet__loading", text: "Loading\u2026" })
        ]);
        var details = el("details", { "class": "kb-facet" }, [el("summary", { text: facet[1] }), fieldset]);
        details.addEventListener("toggle", function () { if (details.open) loadFilters(); });
        facets[facet[0]] = { details: details, fieldset: fieldset };
        filterBox.appendChild(details);
      });
    }

    function fillFacets(all) {
      FACETS.forEach(function (facet) {
        var key = facet[0];
        var shell = facets[key];
        var values = sortValues(key, Object.keys(all[key] || {}), ageOrder);
        shell.fieldset.removeChild(shell.fieldset.querySelector(".kb-facet__loading"));
        if (!values.length) {
          shell.details.hidden = true;
          return;
        }
        checkboxes[key] = {};
        var wanted = params.getAll(key);
        values.forEach(function (value, index) {
          var id = "kb-f-" + key + "-" + index;
          var box = el("input", { type: "checkbox", id: id, value: value, name: key });
          if (wanted.indexOf(value) !== -1) box.checked = true;
          var count = el("span", { "class": "kb-count", text: "(" + all[key][value] + ")" });
          shell.fieldset.appendChild(el("label", { "for": id }, [box, el("span", { text: value }), count]));
          checkboxes[key][value] = { input: box, count: count };
        });
        if (wanted.length) {
          shell.details.open = true;
          filterPanel.open = true;
        }
      });
    }

    function loadFilters() {
      if (!filtersLoading) {
        filtersLoading = pagefind.filters().then(function (all) {
          fillFacets(all);
          return run();
        });
      }
      return filtersLoading;
    }

    function updateCounts(counts) {
      Object.keys(checkboxes).forEach(function (facet) {
        Object.keys(checkboxes[facet]).forEach(function (value) {
          var n = counts && counts[facet] ? counts[facet][value] || 0 : 0;
          checkboxes[facet][value].count.textContent = "(" + n + ")";
        });
      });
    }

    function describe(query, chosen, total) {
      var parts = [];
      Object.keys(chosen).forEach(function (facet) { parts.push(chosen[facet].join(" or ")); });
      var what = query ? " for \u201c" + query + "\u201d" : "";
      var within = parts.length ? " in " + parts.join("; ") : "";
      return plural(total, "result") + what + within + ".";
    }

    function noResults() {
      return el("li", { "class": "kb-results__none" }, [
        "Nothing matched. Check the spelling, use fewer words or fewer filters, or look through the ",
        el("a", { href: new URL("themes/", siteBase()).href, text: "themes" }),
        " or ",
        el("a", { href: new URL("browse/", siteBase()).href, text: "every entry" }),
        "."
      ]);
    }

    function renderResult(data) {
      var meta = [data.meta.kind, data.meta.date].filter(Boolean).join(" \u00b7 ");
      var excerpt = el("p", { "class": "kb-result__excerpt" });
      excerpt.innerHTML = cleanExcerpt(data.excerpt);
      return el("li", {}, [
        el("h3", { "class": "kb-result__title" }, [el("a", { href: data.url, text: data.meta.title || data.url })]),
        meta ? el("p", { "class": "kb-result__meta", text: meta }) : "",
        excerpt
      ]);
    }

    function showMore(search, focusFirst) {
      var slice = search.results.slice(shown, shown + PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
        if (search !== current) return;
        var first = null;
        pages.forEach(function (data) {
          var item = renderResult(data);
          if (!first) first = item;
          results.appendChild(item);
        });
        shown += pages.length;
        more.hidden = shown >= search.results.length;
        if (focusFirst && first) first.querySelector("a").focus();
      });
    }

    function run() {
      var query = input.value.trim();
      var chosen = selected();
      var next = new URLSearchParams();
      if (query) next.set("q", query);
      Object.keys(chosen).forEach(function (facet) {
        chosen[facet].forEach(function (value) { next.append(facet, value); });
      });
      replaceQuery(next);
      if (!query && !Object.keys(chosen).length) {
        latest += 1;
        current = null;
        results.textContent = "";
        more.hidden = true;
        sortBox.hidden = true;
        status.textContent = "Type some words, or choose a filter, to see results.";
        return filtersLoading ? pagefind.filters().then(updateCounts) : Promise.resolve();
      }
      var ticket = ++latest;
      var options = { filters: {} };
      Object.keys(chosen).forEach(function (facet) { options.filters[facet] = { any: chosen[facet] }; });
      if (sort.value === "date" || !query) options.sort = { date: "desc" };
      sortBox.hidden = !query;
      return pagefind.search(query ? searchWords(query) : null, options).then(function (search) {
        if (ticket !== latest) return;
        current = search;
        shown = 0;
        results.textContent = "";
        updateCounts(search.filters);
        more.hidden = true;
        if (!search.results.length) results.appendChild(noResults());
        return showMore(search, false).then(function () {
          if (ticket === latest) status.textContent = describe(query, chosen, search.results.length);
        });
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    filterBox.addEventListener("change", run);
    sort.addEventListener("change", run);
    more.addEventListener("click", function () { showMore(current, true); });

    /* The header's search box, on this page, searches in place. */
    var header = document.querySelector(".kb-header-search");
    if (header) {
      header.addEventListener("submit", function (event) {
        event.preventDefault();
        input.value = header.querySelector("input").value;
        run();
        input.focus();
      });
    }

    input.value = params.get("q") || "";
    status.textContent = "Loading search\u2026";
    var base = siteBase();
    import(new URL("pagefind/pagefind.js", base).href)
      .then(function (module) {
        pagefind = module;
        return pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      })
      .then(function () {
        buildFacets();
        var named = FACETS.some(function (facet) { return params.has(facet[0]); });
        return named ? loadFilters() : run();
      })
      .then(function () {
        if (!input.value) input.focus();
      })
      .catch(function () {
        status.textContent = "Search could not be loaded. Every entry is listed on the browse page.";
      });
  }

  function start() {
    var browseSlot = document.getElementById("kb-browse-filters");
    var browseList = document.getElementById("kb-browse");
    if (browseSlot && browseList) browse(browseSlot, browseList);
    var actionsSlot = document.getElementById("kb-actions-filters");
    var actionsList = document.getElementById("kb-actions");
    if (actionsSlot && actionsList) browse(actionsSlot, actionsList, ACTIONS);
    var search = document.getElementById("kb-search");
    if (search) searchPage(search);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
