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
    var shown = [];  /* the labels of the filters this list offers, for the hint */
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
      shown.push(key === "year" ? "years" : facet[1].toLowerCase());
      if (key === "year") {
        /* A range ("since 2016"), not one year at a time. */
        ["since", "until"].forEach(function (end) {
          var pick = el("select", { id: "kb-filter-" + end, name: end }, [el("option", { value: "", text: "Any year" })]);
          values.slice().sort().forEach(function (value) { pick.appendChild(el("option", { value: value, text: value })); });
          if (params.get(end) && seen[params.get(end)]) pick.value = params.get(end);
          selects[end] = pick;
          form.appendChild(el("div", { "class": "kb-filters__field" }, [
            el("label", { "for": pick.id, text: end === "since" ? "From year" : "To year" }), pick
          ]));
        });
        return;
      }
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
    var named = shown.length > 1 ? shown.slice(0, -1).join(", ") + " or " + shown[shown.length - 1] : shown.join("");
    slot.appendChild(el("p", { "class": "kb-filters__hint", text: "Narrow the list by " + named + ": the list changes as you choose." }));
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
          var year = item.getAttribute("data-year") || "";
          if (key === "since") return year >= wanted.since;
          if (key === "until") return year <= wanted.until;
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
      if (wanted.age) {
        var aged = items.filter(function (item) { return item.getAttribute("data-age"); }).length;
        status.textContent += " Only " + aged.toLocaleString("en-GB") + " of " + plural(items.length, "entry", "entries") +
          " record an age band: the others are not shown while an age band is chosen.";
      }
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

  /* --- query planning: the site's search vocabulary --------------------------------------- */

  /* search-vocabulary.json, generated from the same equivalences and theme names as the command
     line's search: phrases are kept whole ("did not attend", "was not brought"), each is expanded
     to its equivalents, and a theme's name or synonym finds the theme's entries. */
  var MAX_WORDS = 32;
  var MAX_ALTERNATIVES = 2;  // searches per idea typed, besides its theme's
  var MAX_IDEAS = 6;  // each idea costs a part of the index to download, and a search ...
  var MAX_IDEAS_LARGE = 4;  // ... large parts in a large knowledge base
  var COMMON_SHARE = 50;  // % of entries: a word in more tells none apart
  var MAX_COMMON_IDEAS = 2;  // when a question has only such words, its rarest are searched (each finds most entries: slow)
  var INDEX_BUDGET = 200;  // KB of Pagefind's index one question may download (its results' pages and filters come on top)
  var THEME_MATCH = 0.5;  // an entry found only through a theme counts half a word
  var KEEP_SHARE = 0.25;  // entries shown: at least this share of the best entry's score
  var PHRASE_BONUS = 0.5;  // two ideas found next to each other, as typed

  function fold(word) {
    /* Plurals and possessives folded, so that "babies" meets "baby" and "parents'" meets "parent". */
    word = word.replace(/'s?$/, "");
    if (word.length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
    if (word.length > 3 && /[^s]s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function tokens(text) {
    return String(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^a-z0-9']+/g, " ").trim().split(" ")
      .filter(function (w) { return w && w !== "'"; });
  }

  function Vocabulary(data) {
    var self = this;
    this.entries = data.entries || 0;
    this.stop = {};
    (data.stop || []).forEach(function (w) { self.stop[w] = true; });
    this.words = data.words || [];
    this.frequent = data.frequent || {};  // stem -> % of entries a search for it finds (large knowledge bases only)
    this.large = Object.keys(this.frequent).length > 0;
    this.themes = data.themes || [];
    this.parts = data.index_parts || [];  // [first word, last word, KB] of each part of Pagefind's index, in order
    this.phrases = {};  // folded words joined by " " -> {alternatives: [...], themes: [...]}
    this.longest = 1;
    function add(text, alternatives, theme) {
      var words = tokens(text).map(fold);
      if (!words.length) return;
      var key = words.join(" ");
      var slot = self.phrases[key] || (self.phrases[key] = { alternatives: [], themes: [] });
      alternatives.forEach(function (a) { if (slot.alternatives.indexOf(a) === -1) slot.alternatives.push(a); });
      if (theme && slot.themes.indexOf(theme) === -1) slot.themes.push(theme);
      self.longest = Math.max(self.longest, words.length);
    }
    (data.groups || []).forEach(function (group) {
      group.forEach(function (phrase) { add(phrase, group); });
    });
    this.themes.forEach(function (theme) {
      theme.names.forEach(function (name) { add(name, [], theme); });
    });
  }

  /* The share of entries (%) a search for a word finds: Pagefind finds every word that begins with its stem. */
  Vocabulary.prototype.share = function (word) {
    return this.frequent[lscbStem(word.replace(/'/g, ""))] || 0;
  };

  /* The share of entries an idea's words find: an equivalent finds its own entries too ("mother" or "mum"),
     a phrase no more than its rarest word. */
  Vocabulary.prototype.ideaShare = function (idea) {
    var self = this;
    return Math.max.apply(null, idea.alternatives.map(function (alternative) {
      var words = tokens(alternative).filter(function (w) { return !self.stop[w]; });
      return words.length ? Math.min.apply(null, words.map(function (w) { return self.share(w); })) : 100;
    }));
  };

  Vocabulary.prototype.common = function (word) {
    return this.share(word) > COMMON_SHARE;
  };

  /* A query as ideas: a known phrase (kept whole, stop words and all) or a word that is not a stop word. */
  Vocabulary.prototype.plan = function (query) {
    var words = tokens(query).slice(0, MAX_WORDS);
    var folded = words.map(fold);
    var ideas = [];
    var i = 0;
    while (i < words.length) {
      var found = null;
      for (var n = Math.min(this.longest, words.length - i); n >= 1 && !found; n--) {
        var slot = this.phrases[folded.slice(i, i + n).join(" ")];
        if (slot && (n > 1 || !this.stop[words[i]])) found = { n: n, slot: slot };
      }
      if (found) {
        var typed = words.slice(i, i + found.n).join(" ");
        var others = found.slot.alternatives.filter(function (a) { return a !== typed; });
        /* Each word searched costs a part of the index to download: a theme the words name already brings
           its entries, so equivalents are searched only for words that name no theme (the shortest first). */
        others.sort(function (a, b) { return a.split(" ").length - b.split(" ").length || a.length - b.length; });
        var alternatives = [typed].concat(found.slot.themes.length ? [] : others).slice(0, MAX_ALTERNATIVES);
        ideas.push({ label: typed, words: typed.split(" "), alternatives: alternatives, themes: found.slot.themes.slice(0, 1), from: i, to: i + found.n });
        i += found.n;
      } else {
        if (!this.stop[words[i]] && words[i].length > 1) {
          ideas.push({ label: words[i], words: [words[i]], alternatives: [words[i]], themes: [], from: i, to: i + 1 });
        }
        i += 1;
      }
    }
    var seen = {};
    var self = this;
    ideas = ideas.filter(function (idea) {
      if (seen[idea.label]) return false;
      seen[idea.label] = true;
      return true;
    });
    /* Words found in most entries tell none apart, and Pagefind would download a large part of its index
       for them: left out while other ideas remain, or fit the budget (the command line gives them little
       weight). The rarest ideas are searched, in the order typed. */
    ideas.forEach(function (idea) {
      idea.share = idea.themes.length ? 0 : self.ideaShare(idea);
      idea.searched = idea.alternatives.filter(function (alternative) { return self.worthSearching(idea, alternative); });
    });
    var telling = ideas.filter(function (idea) { return idea.share <= COMMON_SHARE; });
    var common = ideas.filter(function (idea) { return idea.share > COMMON_SHARE; });
    var most = this.large ? MAX_IDEAS_LARGE : MAX_IDEAS;
    if (this.parts.length) {
      ideas = this.withinBudget(telling, most) || this.withinBudget(common, MAX_COMMON_IDEAS) || this.cheapest(ideas);
    } else {
      if (telling.length) ideas = telling;
      var kept = ideas.slice().sort(function (a, b) { return a.share - b.share; }).slice(0, most);
      ideas = ideas.filter(function (idea) { return kept.indexOf(idea) !== -1; });
    }
    ideas.forEach(function (idea, n) {
      /* Two ideas typed next to each other (at most two small words between them): found as a phrase, they count extra. */
      var after = ideas[n + 1];
      var gap = self.large ? 0 : 2;  // small words between cost a large part of a large knowledge base's index
      idea.next = after && after.from - idea.to <= gap ? words.slice(idea.from, after.to).join(" ") : null;
    });
    return ideas;
  };

  /* Whether an idea's equivalent is searched as words, besides the idea's theme. */
  Vocabulary.prototype.worthSearching = function (idea, alternative) {
    if (!idea.themes.length) return true;
    var self = this;
    var words = tokens(alternative);
    /* Words found in most entries have large parts of the index: where the idea's theme brings its entries,
       such words are not searched as well. In a large knowledge base a small word ("not", "in") is a very
       large part of the index. */
    if (words.every(function (w) { return self.common(w) || self.stop[w]; })) return false;
    return !(this.large && words.some(function (w) { return self.stop[w]; }));
  };

  /* The parts of Pagefind's index a search for these words downloads, chosen as Pagefind chooses them: for
     each word, and for its stem, the parts whose bounds hold it, or else those whose bounds begin as it does. */
  Vocabulary.prototype.partsFor = function (text) {
    var parts = this.parts;
    var found = {};
    tokens(text).forEach(function (typed) {
      var word = typed.replace(/'/g, "");
      [word, lscbStem(word)].forEach(function (term) {
        var strict = false;
        parts.forEach(function (part, i) {
          if (term >= part[0] && term <= part[1]) found[i] = strict = true;
        });
        if (strict) return;
        parts.forEach(function (part, i) {
          var low = Math.min(term.length, part[0].length);
          var high = Math.min(term.length, part[1].length);
          if (term.slice(0, low) >= part[0].slice(0, low) && term.slice(0, high) <= part[1].slice(0, high)) found[i] = true;
        });
      });
    });
    return Object.keys(found);
  };

  /* KB to download for these parts of the index, leaving out those `bought` already. */
  Vocabulary.prototype.cost = function (parts, bought) {
    var self = this;
    return parts.reduce(function (sum, i) { return sum + (bought[i] ? 0 : self.parts[i][2]); }, 0);
  };

  /* The ideas (and their equivalents) whose searches fit in INDEX_BUDGET, at most `most` of them, the
     rarest first, in the order typed (null if none fits): a word that sorts next to a very common one in
     Pagefind's alphabetical index costs as much as the common word, however rare it is. An idea is searched
     if its theme (or else its words as typed) fits; its equivalents then, as far as they fit. */
  Vocabulary.prototype.withinBudget = function (ideas, most) {
    var self = this;
    var bought = {};
    var spent = 0;
    function fits(parts) {
      var extra = self.cost(parts, bought);
      if (spent + extra > INDEX_BUDGET) return false;
      parts.forEach(function (i) { bought[i] = true; });
      spent += extra;
      return true;
    }
    var chosen = [];
    ideas.slice().sort(function (a, b) { return a.share - b.share; }).forEach(function (idea) {
      if (chosen.length < most && fits(self.partsFor(self.essential(idea)))) chosen.push(idea);
    });
    chosen.forEach(function (idea) {
      idea.searched = idea.searched.filter(function (alternative) {
        return alternative === self.essential(idea) || fits(self.partsFor(alternative));
      });
    });
    return chosen.length ? ideas.filter(function (idea) { return chosen.indexOf(idea) !== -1; }) : null;
  };

  /* What an idea cannot be searched without: its theme's word, or else its words as typed. */
  Vocabulary.prototype.essential = function (idea) {
    return idea.themes.length ? idea.themes[0].token || "" : idea.searched[0] || idea.label;
  };

  /* The one idea that costs least, when no idea fits the budget: a question is always searched. */
  Vocabulary.prototype.cheapest = function (ideas) {
    var self = this;
    function cost(idea) { return self.cost(self.partsFor(self.essential(idea)), {}); }
    var best = ideas.slice().sort(function (a, b) { return cost(a) - cost(b); })[0];
    if (best) best.searched = best.searched.filter(function (alternative) { return alternative === self.essential(best); });
    return best ? [best] : [];
  };

  function distance(a, b) {
    /* Damerau-Levenshtein (optimal string alignment), stopped early past 2. */
    if (Math.abs(a.length - b.length) > 2) return 3;
    var d = [];
    for (var i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (var j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  /* The site's own word closest to a word nothing was found for ("complience" -> "compliance"). */
  Vocabulary.prototype.correct = function (word) {
    if (word.length < 4) return null;
    var limit = word.length >= 7 ? 2 : 1;
    var best = null;
    var bestDistance = limit + 1;
    this.words.forEach(function (candidate) {
      var d = distance(word, candidate);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    return best;
  };

  function quoted(text) {
    /* Several words, or an abbreviation (which Pagefind would otherwise also match as the start of longer words). */
    return text.indexOf(" ") !== -1 || text.length <= 4 ? "\u0022" + text + "\u0022" : text;
  }

  function cleanExcerpt(excerpt) {
    /* Pagefind escapes the page text: keep no tag but <mark>. */
    return String(excerpt || "").replace(/<(?!\/?mark>)[^>]*>/g, "");
  }

  var EXCERPT_WORDS = 30;
  var TERMS_LABEL = "Search terms for this entry";

  /* The excerpt from the entry's own words (summary, learning points, findings), never from its search
     terms, facts or notices (these are left out of the page text or come after TERMS_LABEL). */
  function ownExcerpt(data, ideas) {
    var raw = String(data.raw_content || data.content || "");
    var cut = raw.lastIndexOf(TERMS_LABEL);
    if (cut !== -1) raw = raw.slice(0, cut);
    var words = raw.split(/[\r\n\s]+/g).filter(Boolean);
    var skip = Math.min(tokens(data.meta.title || "").length, words.length);
    var plain = words.map(function (word) { return fold(word.toLowerCase().replace(/&[a-z]+;|[^a-z0-9']/g, "")); });
    var hits = plain.map(function () { return -1; });
    ideas.forEach(function (idea, index) {
      idea.alternatives.forEach(function (phrase) {
        var parts = tokens(phrase).map(fold);
        if (parts.length > 1) {  // a phrase: marked only where all its words stand together
          for (var at = skip; at + parts.length <= plain.length; at++) {
            var whole = parts.every(function (part, k) { return plain[at + k] === part; });
            for (var k = 0; whole && k < parts.length; k++) hits[at + k] = index;
          }
          return;
        }
        var stem = parts[0] || "";
        var prefix = stem.length > 4 ? stem.replace(/[ey]$/, "") : stem;  // "bruise" also finds "bruising" and "bruised"
        if (stem.length < 2) return;
        plain.forEach(function (word, position) {
          if (hits[position] !== -1) return;
          if (word === stem || (prefix.length >= 4 && word.indexOf(prefix) === 0 && word.length <= prefix.length + 4)) hits[position] = index;
        });
      });
    });
    var best = skip;
    var bestScore = 0;
    for (var start = skip; start < Math.max(skip + 1, words.length - EXCERPT_WORDS + 1); start++) {
      var ideasHere = {};
      var count = 0;
      for (var p = start; p < Math.min(words.length, start + EXCERPT_WORDS); p++) {
        if (hits[p] !== -1) { ideasHere[hits[p]] = true; count += 1; }
      }
      var score = Object.keys(ideasHere).length * 10 + count;
      if (score > bestScore) { best = start; bestScore = score; }
    }
    for (var back = best; back > Math.max(skip, best - 8); back--) {  // start at a sentence where one is near
      if (/[.!?:]$/.test(words[back - 1] || "")) { best = back; break; }
    }
    var end = Math.min(words.length, best + EXCERPT_WORDS);
    var shown = words.slice(best, end).map(function (word, offset) {
      return hits[best + offset] !== -1 ? "<mark>" + word + "</mark>" : word;
    });
    return (best > skip ? "\u2026 " : "") + shown.join(" ") + (end < words.length ? " \u2026" : "");
  }

  /* --- search page ------------------------------------------------------------------------ */

  var PAGE_SIZE = 10;

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
        text: "Use the words you would use at work, or ask a question, such as \u201cdid not attend\u201d, \u201cbruising on a baby\u201d or \u201cMASH referral\u201d."
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
    var suggestion = el("p", { "class": "kb-search__suggestion", hidden: "" });
    var sort = el("select", { id: "kb-sort", "class": "kb-field" }, [
      el("option", { value: "relevance", text: "Best match" }),
      el("option", { value: "date", text: "Newest first" })
    ]);
    var sortBox = el("div", { "class": "kb-search__sort" }, [el("label", { "for": "kb-sort", text: "Order" }), sort]);
    var themeCards = el("ul", { "class": "kb-theme-cards", "aria-label": "Themes that match your words", hidden: "" });
    var results = el("ol", { "class": "kb-results", id: "kb-results", "aria-labelledby": "kb-results-title" });
    var more = el("button", { type: "button", "class": "md-button kb-search__more", text: "Show more results", hidden: "" });
    var heading = el("h2", { id: "kb-results-title", "class": "kb-search__results-title", tabindex: "-1", text: "Results" });
    var resultsBox = el("section", { "class": "kb-search__results", "aria-labelledby": "kb-results-title" }, [
      heading, status, suggestion, sortBox, themeCards, results, more
    ]);
    root.textContent = "";
    root.appendChild(form);
    root.appendChild(el("div", { "class": "kb-search__layout" }, [filters, resultsBox]));

    var checkboxes = {};  // facet -> value -> {input, count}
    var years = null;  // {since, until, values}
    var pagefind = null;
    var vocabulary = new Vocabulary({});
    var current = null;  // the ranked results shown: {pages: [{result, ...}], ideas}
    var latest = 0;  // numbers each search, so that a slower earlier one cannot overwrite a newer one
    var shown = 0;

    function selected() {
      var chosen = {};
      Object.keys(checkboxes).forEach(function (facet) {
        var values = Object.keys(checkboxes[facet]).filter(function (v) { return checkboxes[facet][v].input.checked; });
        if (values.length) chosen[facet] = values;
      });
      if (years && (years.since.value || years.until.value)) {
        var low = years.since.value || years.values[0];
        var high = years.until.value || years.values[years.values.length - 1];
        if (low > high) { var swap = low; low = high; high = swap; }
        chosen.year = years.values.filter(function (y) { return y >= low && y <= high; });
        if (!chosen.year.length) chosen.year = ["none"];
      }
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

    function yearRange(shell, values) {
      /* Years as a range ("since 2016"), not one box per year. */
      values = values.slice().sort();
      function picker(id, label, first) {
        var select = el("select", { id: id, "class": "kb-field" }, [el("option", { value: "", text: first })]);
        values.forEach(function (y) { select.appendChild(el("option", { value: y, text: y })); });
        return [el("label", { "for": id, text: label }), select];
      }
      var since = picker("kb-f-since", "From", "Any year");
      var until = picker("kb-f-until", "To", "Any year");
      since[1].value = values.indexOf(params.get("since")) !== -1 ? params.get("since") : "";
      until[1].value = values.indexOf(params.get("until")) !== -1 ? params.get("until") : "";
      shell.fieldset.appendChild(el("div", { "class": "kb-year-range" }, [
        el("div", { "class": "kb-year-range__field" }, since), el("div", { "class": "kb-year-range__field" }, until)
      ]));
      years = { since: since[1], until: until[1], values: values };
      if (since[1].value || until[1].value) {
        shell.details.open = true;
        filterPanel.open = true;
      }
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
        if (key === "year") return yearRange(shell, values);
        if (key === "age") {
          shell.fieldset.appendChild(el("p", { "class": "kb-facet__note", text: vocabulary.withAge + " of " +
            plural(vocabulary.entries, "entry", "entries") + " record an age band; the others are left out when you choose one." }));
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
      Object.keys(chosen).forEach(function (facet) {
        var values = chosen[facet];
        parts.push(facet === "year" && values.length > 1 ? values[0] + "\u2013" + values[values.length - 1] : values.join(" or "));
      });
      var what = query ? " for \u201c" + query + "\u201d" : "";
      var within = parts.length ? " in " + parts.join("; ") : "";
      return plural(total, "result") + what + within + ".";
    }

    function noResults() {
      return el("li", { "class": "kb-results__none" }, [
        "Nothing matched. Check the spelling, use fewer filters, or look through the ",
        el("a", { href: new URL("themes/", siteBase()).href, text: "themes" }),
        " or ",
        el("a", { href: new URL("browse/", siteBase()).href, text: "every entry" }),
        "."
      ]);
    }

    function renderResult(data, ideas) {
      var meta = data.meta || {};
      var facts = [meta.kind, meta.year || meta.date, meta.where].filter(Boolean);
      var excerpt = el("p", { "class": "kb-result__excerpt" });
      excerpt.innerHTML = cleanExcerpt(meta.kind && meta.kind !== "Theme" && ideas ? ownExcerpt(data, ideas) : data.excerpt);
      var line = el("p", { "class": "kb-result__meta" }, facts.length ? [facts.join(" \u00b7 ")] : ["Page"]);
      if (meta.historic) line.appendChild(el("span", { "class": "kb-result__historic", text: meta.historic }));
      return el("li", {}, [
        el("h3", { "class": "kb-result__title" }, [el("a", { href: data.url, text: meta.title || data.url })]),
        line,
        excerpt
      ]);
    }

    function showMore(ranked, focusFirst) {
      var slice = ranked.pages.slice(shown, shown + PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.result.data(); })).then(function (pages) {
        if (ranked !== current) return;
        var first = null;
        pages.forEach(function (data) {
          var item = renderResult(data, ranked.ideas);
          if (!first) first = item;
          results.appendChild(item);
        });
        shown += pages.length;
        more.hidden = shown >= ranked.pages.length;
        if (focusFirst && first) first.querySelector("a").focus();
      });
    }

    function withFilters(chosen, extra) {
      /* The filters chosen, with `extra` ones (a theme the words name, the kind of page) all required. */
      var filters = {};
      var more = [];
      Object.keys(chosen).forEach(function (facet) { filters[facet] = { any: chosen[facet] }; });
      Object.keys(extra || {}).forEach(function (key) {
        if (filters[key]) {
          var one = {};
          one[key] = extra[key];
          more.push(one);
        } else {
          filters[key] = extra[key];
        }
      });
      return more.length ? { all: [filters].concat(more) } : filters;
    }

    /* Every idea searched on its own (each of its equivalents, and its themes' entries), then entries
       ranked by how many of the ideas they match, rarer ideas counting more (Pagefind finds only pages
       with every word of one search: this is how a question as a sentence still finds its entries). */
    function relaxed(ideas, chosen, sortByDate) {
      var searches = [];
      ideas.forEach(function (idea, index) {
        idea.searched.forEach(function (alternative) {
          var options = { filters: withFilters(chosen, { section: "Entry" }) };
          searches.push({ idea: index, kind: "text", promise: pagefind.search(quoted(alternative), options) });
          if (quoted(alternative) !== alternative) {
            /* Pagefind scores an exact phrase flat: the same words unquoted give it a weighted score. */
            searches.push({ idea: index, kind: "score", promise: pagefind.search(alternative, options) });
          }
        });
        if (idea.next) {
          searches.push({ idea: index, kind: "phrase", promise: pagefind.search(quoted(idea.next), { filters: withFilters(chosen, { section: "Entry" }) }) });
        }
        idea.themes.forEach(function (theme) {
          /* The theme's own word in its entries' search terms: one small part of the index, where a search
             by the theme filter alone would download all of it. */
          var search = theme.token
            ? pagefind.search("\u0022" + theme.token + "\u0022", { filters: withFilters(chosen, { section: "Entry" }) })
            : pagefind.search(null, { filters: withFilters(chosen, { section: "Entry", theme: theme.title }) });
          searches.push({ idea: index, kind: "theme", promise: search });
        });
      });
      return Promise.all(searches.map(function (s) { return s.promise; })).then(function (found) {
        var pages = {};  // id -> {result, match: [per idea], score: [per idea]}
        var perIdea = ideas.map(function () { return {}; });
        var order = found.map(function (search, n) { return n; });
        order.sort(function (a, b) { return (searches[a].kind === "score") - (searches[b].kind === "score"); });
        order.forEach(function (n) {
          var search = found[n];
          var spec = searches[n];
          var top = search.results.length ? search.results[0].score || 1 : 1;
          search.results.forEach(function (result, rank) {
            if (spec.kind === "score") {
              var known = pages[result.id];
              if (known && known.match[spec.idea] === 1) known.score[spec.idea] = Math.max(known.score[spec.idea] || 0, (result.score || 0) / top);
              return;
            }
            var page = pages[result.id] || (pages[result.id] = { result: result, match: [], score: [], rank: rank, phrases: [] });
            if (spec.kind === "phrase") {
              page.phrases.push(spec.idea);
              return;
            }
            var match = spec.kind === "text" ? 1 : THEME_MATCH;
            var score = spec.kind === "text" && top !== 1 ? (result.score || 0) / top : 0;
            page.match[spec.idea] = Math.max(page.match[spec.idea] || 0, match);
            page.score[spec.idea] = Math.max(page.score[spec.idea] || 0, score);
            if (spec.kind === "text") page.result = page.textResult || (page.textResult = result);
            if (spec.kind === "text" || !Object.keys(perIdea[spec.idea]).length) perIdea[spec.idea][result.id] = spec.kind === "text";
          });
        });
        var total = Math.max(vocabulary.entries, 1);
        /* How rare an idea is, by the entries that use its words (an idea found only through a theme: by those). */
        var weights = perIdea.map(function (ids) {
          var keys = Object.keys(ids);
          var text = keys.filter(function (id) { return ids[id]; }).length;
          var n = text || keys.length;
          return n ? Math.log(1 + total / n) : 0;
        });
        var sum = weights.reduce(function (a, b) { return a + b; }, 0);
        var list = Object.keys(pages).map(function (id) {
          var page = pages[id];
          page.value = 0;
          page.complete = true;
          var covered = 0;
          ideas.forEach(function (idea, i) {
            var match = page.match[i] || 0;
            if (!match) page.complete = false;
            covered += match ? weights[i] : 0;
            page.value += weights[i] * (match + (page.score[i] || 0));
          });
          page.phrases.forEach(function (i) { page.value += PHRASE_BONUS * (weights[i] + (weights[i + 1] || 0)); });
          /* As on the command line: an entry with more of the ideas (rarer ones counting more) ranks higher. */
          page.value *= 0.5 + 0.5 * covered / Math.max(sum, 1e-9);
          return page;
        });
        var best = list.reduce(function (top, page) { return Math.max(top, page.value); }, 0);
        var complete = list.filter(function (page) { return page.complete; }).length;
        list = list.filter(function (page) { return page.value >= KEEP_SHARE * best; });
        list.sort(function (a, b) { return b.value - a.value; });
        var counts = null;
        return { pages: list, complete: complete, counts: counts, unknown: ideas.filter(function (idea, i) {
          return idea.words.length === 1 && !idea.themes.length && !Object.keys(perIdea[i]).length;
        }), sortByDate: sortByDate };
      });
    }

    function showThemes(ideas) {
      themeCards.textContent = "";
      var seen = [];
      ideas.forEach(function (idea) {
        idea.themes.forEach(function (theme) {
          if (seen.indexOf(theme) !== -1 || seen.length >= 3) return;
          seen.push(theme);
          themeCards.appendChild(el("li", { "class": "kb-theme-card" }, [
            el("p", { "class": "kb-theme-card__label", text: "Theme" }),
            el("a", { href: new URL(theme.url, siteBase()).href, text: theme.title }),
            el("span", { "class": "kb-theme-card__count", text: " \u00b7 " + plural(theme.entries, "entry", "entries") })
          ]));
        });
      });
      themeCards.hidden = !seen.length;
    }

    function suggest(query, unknown) {
      suggestion.textContent = "";
      suggestion.hidden = true;
      var corrected = query;
      var changed = false;
      unknown.forEach(function (idea) {
        var better = vocabulary.correct(idea.label);
        if (better && better !== idea.label) {
          corrected = corrected.replace(new RegExp("\\b" + idea.label.replace(/[^a-z0-9]/g, "") + "\\b", "i"), better);
          changed = true;
        }
      });
      if (!changed) return;
      var link = el("a", { href: "?q=" + encodeURIComponent(corrected), text: corrected });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = corrected;
        run(true);
      });
      suggestion.appendChild(document.createTextNode("Did you mean "));
      suggestion.appendChild(link);
      suggestion.appendChild(document.createTextNode("?"));
      suggestion.hidden = false;
    }

    function contentPages(query, ideas) {
      /* Hand-written pages and theme pages, only when no entry matches. */
      var words = ideas.map(function (idea) { return quoted(idea.label); }).join(" ") || query;
      return pagefind.search(words, { filters: { section: { any: ["Page", "Theme"] } } }).then(function (search) {
        return { pages: search.results.map(function (r) { return { result: r }; }), complete: search.results.length, unknown: [], contentOnly: true };
      });
    }

    var focusWhenLoaded = false;

    function everyEntry() {
      /* The word every entry page carries: filters alone would make Pagefind download its whole index. */
      return vocabulary.entryToken ? "\u0022" + vocabulary.entryToken + "\u0022" : null;
    }

    function run(moveFocus) {
      if (!pagefind) {  // typed before search has loaded: it runs (and moves focus) once loaded
        focusWhenLoaded = focusWhenLoaded || moveFocus === true;
        return Promise.resolve();
      }
      var query = input.value.trim();
      var chosen = selected();
      var next = new URLSearchParams();
      if (query) next.set("q", query);
      Object.keys(chosen).forEach(function (facet) {
        if (facet === "year") return;
        chosen[facet].forEach(function (value) { next.append(facet, value); });
      });
      if (years && years.since.value) next.set("since", years.since.value);
      if (years && years.until.value) next.set("until", years.until.value);
      replaceQuery(next);
      suggestion.hidden = true;
      if (!query && !Object.keys(chosen).length) {
        latest += 1;
        current = null;
        results.textContent = "";
        themeCards.hidden = true;
        more.hidden = true;
        sortBox.hidden = true;
        status.textContent = "Type some words, or choose a filter, to see results.";
        return filtersLoading ? pagefind.filters().then(updateCounts) : Promise.resolve();
      }
      var ticket = ++latest;
      var sortByDate = sort.value === "date" || !query;
      sortBox.hidden = !query;
      var ideas = query ? vocabulary.plan(query) : [];
      var searching;
      if (!ideas.length) {
        /* Filters only, or only very common words: Pagefind's own search, newest first. */
        var options = { filters: withFilters(chosen, {}), sort: { date: "desc" } };
        searching = pagefind.search(query && !Object.keys(chosen).length ? query : everyEntry(), options).then(function (search) {
          return { pages: search.results.map(function (r) { return { result: r }; }), complete: search.results.length, unknown: [], counts: search.filters };
        });
      } else {
        searching = relaxed(ideas, chosen, sortByDate).then(function (ranked) {
          if (ranked.pages.length || Object.keys(chosen).length) return ranked;
          return contentPages(query, ideas).then(function (pages) {
            pages.unknown = ranked.unknown;
            return pages;
          });
        });
      }
      var counting = filtersLoading && ideas.length
        ? pagefind.search(ideas.map(function (idea) { return quoted(idea.label); }).join(" "), { filters: withFilters(chosen, { section: "Entry" }) })
        : Promise.resolve(null);
      /* "Newest first": every entry in date order (Pagefind's sort index, no page data) gives each its place. */
      var dating = ideas.length && sortByDate
        ? pagefind.search(everyEntry(), { filters: withFilters(chosen, { section: "Entry" }), sort: { date: "desc" } })
        : Promise.resolve(null);
      return Promise.all([searching, counting, dating]).then(function (done) {
        var ranked = done[0];
        if (ticket !== latest) return;
        if (done[2] && ranked.pages.length && !ranked.contentOnly) {
          var place = {};
          done[2].results.forEach(function (result, index) { place[result.id] = index; });
          ranked.pages.sort(function (a, b) { return (place[a.result.id] || 0) - (place[b.result.id] || 0); });
        }
        ranked.ideas = ideas;
        current = ranked;
        shown = 0;
        results.textContent = "";
        var counts = ranked.counts || (done[1] && done[1].results.length ? done[1].filters : null);
        if (counts) updateCounts(counts);
        more.hidden = true;
        showThemes(ideas);
        if (ranked.unknown.length) suggest(query, ranked.unknown);
        if (!ranked.pages.length) results.appendChild(noResults());
        return showMore(ranked, false).then(function () {
          if (ticket !== latest) return;
          var text = describe(query, chosen, ranked.pages.length);
          if (ranked.contentOnly && ranked.pages.length) text += " No entry matches your words; these pages of the site do.";
          else if (ideas.length > 1 && ranked.pages.length && !ranked.complete) text += " No entry has all of your words; these have most of them.";
          status.textContent = text;
          if (moveFocus === true) heading.focus();
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
      run(true);
    });
    filterBox.addEventListener("change", function () { run(); });
    filterBox.addEventListener("keydown", function (event) {
      /* Enter on a filter's box applies it, as Space does. */
      if (event.key === "Enter" && event.target.type === "checkbox") {
        event.preventDefault();
        event.target.checked = !event.target.checked;
        run();
      }
    });
    sort.addEventListener("change", function () { run(); });
    more.addEventListener("click", function () { showMore(current, true); });

    /* The header's search box, on this page, searches in place. */
    var header = document.querySelector(".kb-header-search");
    if (header) {
      header.addEventListener("submit", function (event) {
        event.preventDefault();
        input.value = header.querySelector("input").value;
        run(true);
      });
    }

    input.value = params.get("q") || "";
    status.textContent = "Loading search\u2026";
    var base = siteBase();
    var words = fetch(new URL("search-vocabulary.json", base).href)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(function (data) {
        vocabulary = new Vocabulary(data);
        vocabulary.withAge = data.with_age || 0;
        vocabulary.entryToken = data.entry_token || null;
      });
    import(new URL("pagefind/pagefind.js", base).href)
      .then(function (module) {
        pagefind = module;
        return Promise.all([pagefind.options({ baseUrl: base.pathname, excerptLength: 24 }), words]);
      })
      .then(function () {
        /* The engine (its WebAssembly and the index's page list) loads with the page, while the person
           types, rather than after Enter. */
        pagefind.init();
      })
      .then(function () {
        buildFacets();
        var named = FACETS.some(function (facet) { return params.has(facet[0]); }) || params.has("since") || params.has("until");
        return named ? loadFilters() : run(focusWhenLoaded);
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
