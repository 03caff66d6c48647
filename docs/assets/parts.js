// A long report's text is on pages of its own (part-1/, part-2/ …). A link to one of its
// paragraphs on the inspection page itself (such as …/2014-03-11-sif/#p-32, made before the
// text moved or typed by hand) is sent on to the part that holds the paragraph. Each part's
// link lists its paragraphs' ids in data-anchors.
(function () {
  var id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  var links = document.querySelectorAll("a[data-anchors]");
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute("data-anchors").split(" ").indexOf(id) >= 0) {
      location.replace(links[i].href.split("#")[0] + "#" + encodeURIComponent(id));
      return;
    }
  }
})();
