// The search page: Pagefind's interface with its filters, started with ?q= from the header.
(function () {
  if (typeof PagefindUI === "undefined") {
    document.getElementById("search").textContent =
      "The search index is built with the site (make site); it is not available in this preview.";
    return;
  }
  var root = new URL("..", window.location.href).pathname; // the site root, wherever it is served
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    pageSize: 5,
    translations: { placeholder: "Search reports", zero_results: "No results for [SEARCH_TERM]" },
    openFilters: ["Kind of text"],
    // Paragraphs and findings are indexed as records whose target is the paragraph itself.
    processResult: function (result) {
      if (result.meta && result.meta.target) {
        var page = root + result.meta.target;
        (result.sub_results || []).forEach(function (sub) {
          var hash = sub.url.indexOf("#");
          sub.url = hash >= 0 ? page + sub.url.slice(hash) : page;
        });
        result.url = result.sub_results && result.sub_results.length ? result.sub_results[0].url : page;
      }
      return result;
    }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
