// The search page: Pagefind's JavaScript API with a small interface of its own (a labelled
// search box, results as a list of links, filters as fieldsets of checkboxes). Pagefind's
// default interface and its filters are not loaded until they are needed: the first query
// fetches only the search code, the index chunks for its words and the results shown.
(function () {
  "use strict";
  var PAGE_SIZE = 5; // results shown at first, then 5 more each time
  var SUB_RESULTS = 3; // paragraphs or findings shown for each report
  var FACETS = ["Council", "Region", "Kind of inspection", "Year", "Grade", "Theme", "Kind of text"];

  var root = new URL("..", window.location.href).pathname; // the site root, wherever it is served
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filtersBox = document.getElementById("search-filters");
  var facetsEl = document.getElementById("search-facets");
  if (!form || !input) { return; }
  filtersBox.hidden = false; // hidden without JavaScript: the filters need it

  var loading = null;
  var facetsLoaded = false;
  var current = null; // {results, shown, chosen}
  var runId = 0;

  var common = {}; // word → its occurrences, for the commonest words of the index (see plan)

  function load() {
    if (!loading) {
      var words = fetch(root + "pagefind/common-words.json").then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (j) { common = j.words || {}; }, function () { common = {}; });
      loading = import(root + "pagefind/pagefind.js").then(function (pf) {
        // No web worker (one script less to fetch); short excerpts.
        return pf.options({ baseUrl: root, noWorker: true, excerptLength: 24 }).then(function () { return pf; });
      }).then(function (pf) { return words.then(function () { return pf; }); });
    }
    return loading;
  }

  function norm(word) {
    return word.toLowerCase().replace(/\u2019/g, "'").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  }

  // What to ask Pagefind for. Pagefind loads every position of each word it looks up, and the
  // commonest words ("the", "children", "care" …) have so many that one can cost more than the
  // rest of the search; being in nearly every report, they hardly change what matches. So a
  // query leaves them out when it has other words (the rarest is kept when it has none), and
  // says so. A query in quotes is an exact phrase and keeps every word.
  function plan(term) {
    if (/^".*"$/.test(term)) { return { query: term, left: [] }; }
    var keep = [], left = [];
    term.split(/\s+/).forEach(function (w) {
      (Object.prototype.hasOwnProperty.call(common, norm(w)) ? left : keep).push(w);
    });
    if (!keep.length) {
      left.sort(function (a, b) { return common[norm(a)] - common[norm(b)]; });
      keep.push(left.shift());
    }
    return { query: keep.join(" "), left: left };
  }

  function leftOut(words) {
    if (!words.length) { return ""; }
    var quoted = words.map(function (w) { return "‘" + w + "’"; });
    var list = quoted.length > 1 ? quoted.slice(0, -1).join(", ") + " and " + quoted[quoted.length - 1] : quoted[0];
    return " Not searched for, as nearly every report uses " + (words.length > 1 ? "them" : "it") + ": " + list +
      ". Put your search in quotes to search for every word.";
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function chosenFilters() {
    var chosen = {};
    facetsEl.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      var name = box.getAttribute("data-facet");
      (chosen[name] = chosen[name] || []).push(box.value);
    });
    return chosen;
  }

  function pagefindFilters(chosen) {
    var out = {};
    Object.keys(chosen).forEach(function (k) { out[k] = { any: chosen[k] }; });
    return out;
  }

  // A record's sub-result ids are "<anchor on the inspection page>~<i>~<j>…", where i, j are
  // positions in the record's own Theme filter list: the themes that paragraph carries.
  function splitId(url) {
    var hash = url.indexOf("#");
    var parts = (hash >= 0 ? url.slice(hash + 1) : "").split("~");
    return { anchor: parts[0], themes: parts.slice(1).map(Number) };
  }

  // How many of the query's words a paragraph's excerpt marks, a marked word counting for a
  // query word it begins like ("voices" for "voice"): a paragraph with "voice" and "child"
  // comes before one that says "child" three times.
  function wordsMarked(html, words) {
    var marks = [];
    (html || "").replace(/<mark>([^<]*)<\/mark>/g, function (_, w) { marks.push(w.toLowerCase()); return ""; });
    return words.filter(function (q) {
      var stem = q.slice(0, Math.max(3, q.length - 2));
      return marks.some(function (m) { return m.indexOf(stem) === 0; });
    }).length;
  }

  function subResults(data, chosenThemes, words) {
    var themes = (data.filters && data.filters.Theme) || [];
    var page = root + data.meta.target;
    return (data.sub_results || []).map(function (sub) {
      var id = splitId(sub.url);
      return {
        url: id.anchor ? page + "#" + id.anchor : page,
        title: sub.title,
        excerpt: sub.excerpt,
        hits: (sub.locations || []).length,
        words: wordsMarked(sub.excerpt, words),
        themes: id.themes.map(function (i) { return themes[i]; })
      };
    }).filter(function (sub) {
      return sub.url !== page && (!chosenThemes || chosenThemes.some(function (t) { return sub.themes.indexOf(t) >= 0; }));
    }).sort(function (a, b) { return (b.words - a.words) || (b.hits - a.hits); }).slice(0, SUB_RESULTS);
  }

  function excerpt(html) {
    var p = el("p", { "class": "search-result__excerpt" });
    p.innerHTML = html; // Pagefind's excerpt: the indexed text, escaped, with <mark> around matches
    return p;
  }

  function render(data, chosen, words) {
    var li = el("li", { "class": "search-result" });
    var h = el("h2", { "class": "search-result__title" });
    var target = data.meta && data.meta.target;
    var subs = target ? subResults(data, chosen.Theme, words) : [];
    if (subs.length) { // a record of report text or findings: its best paragraphs or findings
      h.appendChild(el("a", { href: subs[0].url }, data.meta.title));
      li.appendChild(h);
      var ul = el("ul", { "class": "search-result__places" });
      subs.forEach(function (sub) {
        var item = el("li");
        item.appendChild(el("a", { href: sub.url }, sub.title));
        item.appendChild(excerpt(sub.excerpt));
        ul.appendChild(item);
      });
      li.appendChild(ul);
    } else { // a page, or a theme's record
      if (chosen.Theme || (target && (data.anchors || []).length)) { return null; } // nothing here carries the theme
      h.appendChild(el("a", { href: target ? root + target : data.url }, (data.meta && data.meta.title) || data.url));
      li.appendChild(h);
      li.appendChild(excerpt(data.excerpt));
    }
    return li;
  }

  function showMore(id) {
    var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (id !== runId) { return; }
      all.forEach(function (data) {
        var li = render(data, current.chosen, current.words);
        if (li) { list.appendChild(li); }
      });
      more.hidden = current.shown >= current.results.length;
      if (!list.children.length && !more.hidden) { return showMore(id); } // all filtered out: next batch
    });
  }

  function say(text) { status.textContent = text; }

  function run() {
    var term = input.value.trim();
    var id = ++runId;
    var chosen = chosenFilters();
    var url = new URL(window.location.href);
    if (term) { url.searchParams.set("q", term); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url);
    list.textContent = "";
    more.hidden = true;
    if (!term) { say("Enter a word or phrase to search for."); return Promise.resolve(); }
    say("Searching…");
    var asked = null;
    return load().then(function (pf) {
      asked = plan(term);
      return pf.search(asked.query, { filters: pagefindFilters(chosen) });
    }).then(function (res) {
      if (id !== runId) { return; }
      current = { results: res.results, shown: 0, chosen: chosen,
                  words: asked.query.replace(/"/g, "").split(/\s+/).map(norm).filter(Boolean) };
      var n = res.results.length;
      say((n ? n + (n === 1 ? " result" : " results") + " for ‘" + term + "’." : "No results for ‘" + term + "’.") + leftOut(asked.left));
      if (facetsLoaded) { updateCounts(res.filters); }
      return showMore(id);
    }).catch(function () {
      say("Search is not available: the search index is built with the site (make site).");
    });
  }

  function updateCounts(counts) {
    facetsEl.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var facet = counts[box.getAttribute("data-facet")] || {};
      var n = facet[box.value] || 0;
      box.parentNode.querySelector(".search-facet__count").textContent = " (" + n + ")";
    });
  }

  function facet(name, index, values) {
    var fs = el("fieldset", { "class": "search-facet" });
    fs.appendChild(el("legend", {}, name));
    var box = el("div", { "class": "search-facet__values" });
    var keys = Object.keys(values).sort();
    if (name === "Year") { keys.reverse(); }
    keys.forEach(function (value, j) {
      var id = "facet-" + index + "-" + j;
      var row = el("div", { "class": "search-facet__value" });
      var cb = el("input", { type: "checkbox", id: id, value: value, "data-facet": name });
      var label = el("label", { "for": id }, value);
      label.appendChild(el("span", { "class": "search-facet__count" }, " (" + values[value] + ")"));
      row.appendChild(cb);
      row.appendChild(label);
      box.appendChild(row);
    });
    fs.appendChild(box);
    return fs;
  }

  function loadFacets() {
    if (facetsLoaded) { return Promise.resolve(); }
    facetsLoaded = true;
    return load().then(function (pf) { return pf.filters(); }).then(function (all) {
      facetsEl.textContent = "";
      FACETS.forEach(function (name, i) {
        if (all[name]) { facetsEl.appendChild(facet(name, i, all[name])); }
      });
      if (input.value.trim()) { return run(); }
    }).catch(function () {
      facetsEl.textContent = "Filters are not available: the search index is built with the site (make site).";
    });
  }

  // Searches when the form is sent (Enter or the button), not while typing: each half-typed
  // word would fetch index chunks of its own.
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  facetsEl.addEventListener("change", function () { run(); });
  more.addEventListener("click", function () { showMore(runId); });
  filtersBox.addEventListener("toggle", function () { if (filtersBox.open) { loadFacets(); } });

  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(); }
})();
