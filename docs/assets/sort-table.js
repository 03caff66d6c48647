// Sorting and filtering for a table marked data-sortable (the latest grades of every council).
// A progressive enhancement: the table is complete and in a useful order without this script,
// which adds a sort button to each column heading that has data-sort-type, and, above the
// table, a box to find a council by name and a choice for each column that has
// data-filter-name. Each cell's data-sort holds its sort key (an empty key sorts last, either
// way) and data-filter its value for the choices. A status line says what is shown.
(function () {
  "use strict";
  var table = document.querySelector("table[data-sortable]");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, i) { row.setAttribute("data-order", String(i)); });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var noun = "councils";

  var status = document.createElement("p");
  status.className = "table-status";
  status.setAttribute("role", "status");

  function label(th) {
    return th.getAttribute("data-label") || th.textContent.trim();
  }

  function key(row, col) {
    var cell = row.cells[col];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return value;
  }

  function compare(a, b, col, type, dir) {
    var x = key(a, col), y = key(b, col);
    if (x === "" || y === "") {  // no value: last, whichever the direction
      if (x === y) return +a.getAttribute("data-order") - +b.getAttribute("data-order");
      return x === "" ? 1 : -1;
    }
    var c = type === "number" ? (+x) - (+y) : x.localeCompare(y, "en-GB", {sensitivity: "base", numeric: true});
    if (c === 0) return +a.getAttribute("data-order") - +b.getAttribute("data-order");
    return dir === "ascending" ? c : -c;
  }

  var summary = "";

  function sortBy(col, dir) {
    var th = heads[col];
    var type = th.getAttribute("data-sort-type");
    rows.slice().sort(function (a, b) { return compare(a, b, col, type, dir); })
      .forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var words = type === "number"
      ? (dir === "ascending" ? "best first" : "worst first")
      : (dir === "ascending" ? "A to Z" : "Z to A");
    if (th.getAttribute("data-label") === "Change") words = dir === "ascending" ? "worse first" : "better first";
    if (/inspection/i.test(label(th))) words = dir === "ascending" ? "oldest first" : "newest first";
    summary = "Sorted by " + label(th).toLowerCase() + ", " + words + ". ";
    show();
  }

  heads.forEach(function (th, col) {
    if (!th.hasAttribute("data-sort-type")) return;
    th.setAttribute("data-label", th.textContent.trim());
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (th.firstChild) button.appendChild(th.firstChild);
    var icon = document.createElement("span");
    icon.className = "sort-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var now = th.getAttribute("aria-sort");
      // Grades and changes first sort best first and better first; names A to Z.
      var first = th.getAttribute("data-label") === "Change" ? "descending" : "ascending";
      sortBy(col, now === first ? (first === "ascending" ? "descending" : "ascending") : first);
    });
  });

  // The filters.
  var form = document.createElement("form");
  form.className = "table-filters";
  form.setAttribute("aria-label", "Narrow the table");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var uid = 0;

  function field(text, control) {
    var wrap = document.createElement("div");
    wrap.className = "table-filter";
    var lab = document.createElement("label");
    control.id = "table-filter-" + (++uid);
    lab.htmlFor = control.id;
    lab.textContent = text;
    wrap.appendChild(lab);
    wrap.appendChild(control);
    form.appendChild(wrap);
    return control;
  }

  var name = document.createElement("input");
  name.type = "search";
  name.autocomplete = "off";
  field("Council name", name);
  var choices = [];
  heads.forEach(function (th, col) {
    if (!th.hasAttribute("data-filter-name")) return;
    var seen = {}, values = [];
    rows.forEach(function (row) {
      var cell = row.cells[col];
      var value = cell.getAttribute("data-filter") || "";
      if (value && !seen[value]) {
        seen[value] = key(row, col) === "" ? "~" : key(row, col);
        values.push(value);
      }
    });
    var numeric = th.getAttribute("data-sort-type") === "number";
    values.sort(function (a, b) {
      if (numeric) {
        var x = seen[a], y = seen[b];
        if (x === "~" || y === "~") return x === y ? a.localeCompare(b) : (x === "~" ? 1 : -1);
        if (th.getAttribute("data-label") === "Change") return (+y) - (+x) || a.localeCompare(b);
        return (+x) - (+y) || a.localeCompare(b);
      }
      return a.localeCompare(b, "en-GB");
    });
    var select = document.createElement("select");
    var any = document.createElement("option");
    any.value = "";
    any.textContent = "Any";
    select.appendChild(any);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      select.appendChild(o);
    });
    field(th.getAttribute("data-filter-name"), select);
    choices.push({col: col, select: select});
  });
  var reset = document.createElement("button");
  reset.type = "reset";
  reset.className = "md-button";
  reset.textContent = "Show every council";
  form.appendChild(reset);
  form.addEventListener("reset", function () { setTimeout(show, 0); });
  form.addEventListener("input", show);
  form.addEventListener("change", show);

  function show() {
    var words = name.value.trim().toLocaleLowerCase("en-GB");
    var shown = 0;
    rows.forEach(function (row) {
      var ok = !words || row.cells[0].textContent.toLocaleLowerCase("en-GB").indexOf(words) >= 0;
      choices.forEach(function (c) {
        if (ok && c.select.value && row.cells[c.col].getAttribute("data-filter") !== c.select.value) ok = false;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = summary + "Showing " + shown + " of " + rows.length + " " + noun + ".";
  }

  table.parentNode.insertBefore(form, table);
  table.parentNode.insertBefore(status, table);
  show();
})();
