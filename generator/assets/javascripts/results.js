// Resultaten 2015: reorder the overview's rows in place (by number, laag huidig or leerruimte) and say so
// in an aria-live line. Without JavaScript the buttons stay hidden and the table stays in number order.
(function () {
  "use strict";

  var ORDERS = {
    nummer: "op nummer",
    laag: "op laag huidig, hoogste eerst",
    leerruimte: "op leerruimte, grootste eerst",
  };

  function value(row, key) {
    return Number(row.getAttribute("data-" + key));
  }

  function compareRows(key) {
    return function (a, b) {
      if (key !== "nummer") {
        var difference = value(b, key) - value(a, key);
        if (difference !== 0) return difference;
      }
      return value(a, "nummer") - value(b, "nummer");
    };
  }

  function sortRows(table, key) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(compareRows(key)).forEach(function (row) {
      body.appendChild(row);
    });
  }

  function markSorted(table, key) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      var column = cell.getAttribute("data-column");
      if (!column) return;
      if (column === key) cell.setAttribute("aria-sort", key === "nummer" ? "ascending" : "descending");
      else cell.removeAttribute("aria-sort");
    });
    var order = table.querySelector(".kb-results__order");
    if (order) order.textContent = ORDERS[key];
  }

  function pressButtons(controls, key) {
    Array.prototype.forEach.call(controls.querySelectorAll("button[data-sort]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-sort") === key));
    });
  }

  function announce(controls, table, key) {
    var status = controls.querySelector("[aria-live]");
    if (!status) return;
    var first = table.tBodies[0].rows[0];
    var firstNumber = first ? first.getAttribute("data-nummer") : "";
    status.textContent =
      "Gesorteerd " + ORDERS[key] + "." + (firstNumber ? " Eerst staat eindterm " + firstNumber + "." : "");
  }

  function orderBy(controls, table, key) {
    if (!ORDERS[key]) return;
    sortRows(table, key);
    markSorted(table, key);
    pressButtons(controls, key);
    announce(controls, table, key);
  }

  function setUp(controls) {
    var table = document.getElementById(controls.getAttribute("data-kb-sort"));
    if (!table || !table.tBodies.length) return;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sort]");
      if (button) orderBy(controls, table, button.getAttribute("data-sort"));
    });
    controls.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-sort]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
