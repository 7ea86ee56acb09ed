/* Live search and filters on the home page. Progressive enhancement: without this script the
   page lists every product and links to a page per life event, audience and channel. */
(function () {
  "use strict";
  var form = document.querySelector("[data-filter]");
  var list = document.querySelector("[data-list]");
  var count = document.querySelector("[data-count]");
  var none = document.querySelector("[data-none]");
  if (!form || !list || !count) { return; }

  var cards = Array.prototype.slice.call(list.children);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter-key]"));
  var search = form.querySelector("input[type=search]");
  // Lower-case text without accents, so "reisdocument" finds "Reisdocument" and "e" finds "é".
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var haystacks = cards.map(function (card) {
    return fold(card.textContent + " " + (card.getAttribute("data-terms") || ""));
  });

  function countText(n) {
    return n === 1 ? count.getAttribute("data-text-one")
                   : count.getAttribute("data-text-many").replace("{count}", String(n));
  }

  var timer = null;
  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var wanted = selects.map(function (select) {
      return { key: select.getAttribute("data-filter-key"), value: select.value };
    });
    var shown = 0;
    cards.forEach(function (card, index) {
      var match = words.every(function (word) { return haystacks[index].indexOf(word) !== -1; }) &&
        wanted.every(function (want) {
          return !want.value || (" " + card.getAttribute("data-" + want.key) + " ").indexOf(" " + want.value + " ") !== -1;
        });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    none.hidden = shown !== 0;
    // The count is a polite live region (role=status): screen readers hear the new number.
    count.textContent = countText(shown);
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(apply, 250);
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  search.addEventListener("input", later);
  selects.forEach(function (select) { select.addEventListener("change", apply); });
}());
