/* The Snowball English ("Porter2") stemmer: the stems Pagefind's index is made of.

   Pagefind downloads, for each word searched, the part of its index where the word and its stem sort;
   the search page needs the same stems to know what a search will cost before making it. Checked
   against the stems of Pagefind's own index in the project's browser tests. */
var lscbStem = (function () {
  "use strict";

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var PREFIXES = /^(arsen|commun|emerg|gener|inter|later|organ|past|univers)/;  // R1 starts after them
  var STEP_2 = [
    ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"],
    ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["ogist", "og"],
    ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"],
    ["bli", "ble"], ["ogi", "og"], ["li", ""]
  ];
  var STEP_3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
  var STEP_4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic"];
  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  var VALID_LI = "cdeghkmnrt";

  function vowel(c) { return "aeiouy".indexOf(c) !== -1; }  // "Y" (a consonant y) is not one

  function ends(word, suffix) { return word.slice(-suffix.length) === suffix; }

  /* Where R1 or R2 starts: after the first non-vowel that follows a vowel, from `from`. */
  function regionAfter(word, from) {
    for (var i = from; i < word.length - 1; i++) {
      if (vowel(word[i]) && !vowel(word[i + 1])) return i + 2;
    }
    return word.length;
  }

  /* A short syllable ends the word: consonant, vowel, consonant (not w, x or Y); a vowel and a consonant alone; or "past". */
  function shortSyllable(word) {
    var n = word.length;
    if (n >= 3 && !vowel(word[n - 3]) && vowel(word[n - 2]) && !vowel(word[n - 1]) && "wxY".indexOf(word[n - 1]) === -1) return true;
    return (n === 2 && vowel(word[0]) && !vowel(word[1])) || ends(word, "past");
  }

  function longest(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) if (ends(word, suffixes[i])) return suffixes[i];
    return null;
  }

  function stem(word) {
    if (EXCEPTIONS.hasOwnProperty(word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    if (word[0] === "'") word = word.slice(1);
    var chars = word.split("");
    chars.forEach(function (c, i) { if (c === "y" && (i === 0 || vowel(chars[i - 1]))) chars[i] = "Y"; });
    word = chars.join("");
    var prefix = PREFIXES.exec(word);
    var r1 = prefix ? prefix[0].length : regionAfter(word, 0);
    var r2 = regionAfter(word, r1);

    /* Step 1a: possessives and plurals. */
    word = word.replace(/'(s'?)?$/, "");
    if (ends(word, "sses")) word = word.slice(0, -2);
    else if (ends(word, "ied") || ends(word, "ies")) word = word.slice(0, -3) + (word.length > 4 ? "i" : "ie");
    else if (ends(word, "us") || ends(word, "ss")) { /* kept */ }
    else if (ends(word, "s") && /[aeiouy]/.test(word.slice(0, -2))) word = word.slice(0, -1);

    /* Step 1b: -ed, -ing and their -ly forms. */
    var suffix = longest(word, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    var stays = suffix === "ing" && /^(even|cann|inn|earr|herr|out)$/.test(word.slice(0, -3));
    if (suffix === "eed" || suffix === "eedly") {
      if (word.length - suffix.length >= r1 && !/^(succ|proc|exc)$/.test(word.slice(0, -suffix.length))) {
        word = word.slice(0, -suffix.length) + "ee";
      }
    } else if (suffix === "ing" && /^[^aeiouy]y$/.test(word.slice(0, -3))) {
      word = word.slice(0, -4) + "ie";  // dying, lying, tying
    } else if (suffix && !stays && /[aeiouy]/.test(word.slice(0, -suffix.length))) {
      word = word.slice(0, -suffix.length);
      if (ends(word, "at") || ends(word, "bl") || ends(word, "iz")) word += "e";
      else if (longest(word, DOUBLES)) {
        if (!/^[aeo].$/.test(word.slice(0, -1))) word = word.slice(0, -1);  // "added" keeps "add"
      } else if (word.length === r1 && shortSyllable(word)) word += "e";
    }

    /* Step 1c: a final y after a consonant (not the first letter) becomes i. */
    var last = word[word.length - 1];
    if ((last === "y" || last === "Y") && word.length > 2 && !vowel(word[word.length - 2])) word = word.slice(0, -1) + "i";

    /* Steps 2 and 3: suffixes in R1 replaced by shorter ones. */
    [STEP_2, STEP_3].forEach(function (table, step) {
      var found = longest(word, table.map(function (pair) { return pair[0]; }));
      if (!found) return;
      var at = word.length - found.length;
      if (at < r1) return;
      var replacement = table.filter(function (pair) { return pair[0] === found; })[0][1];
      if (found === "ogi" && word[at - 1] !== "l") return;
      if (found === "li" && (at === 0 || VALID_LI.indexOf(word[at - 1]) === -1)) return;
      if (step === 1 && found === "ative" && at < r2) return;
      word = word.slice(0, at) + replacement;
    });

    /* Step 4: suffixes in R2 removed. */
    var ending = longest(word, STEP_4);
    if (ending && word.length - ending.length >= r2) {
      var before = word[word.length - ending.length - 1];
      if (ending !== "ion" || before === "s" || before === "t") word = word.slice(0, -ending.length);
    }

    /* Step 5: a final e or double l. */
    var at5 = word.length - 1;
    if (word[at5] === "e" && (at5 >= r2 || (at5 >= r1 && !shortSyllable(word.slice(0, at5))))) word = word.slice(0, at5);
    else if (word[at5] === "l" && at5 >= r2 && word[at5 - 1] === "l") word = word.slice(0, at5);

    return word.replace(/Y/g, "y");
  }

  return stem;
})();
