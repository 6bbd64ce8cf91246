// hadath document view: clicking an event, quote or actor highlights its words.
// Article text is never turned into HTML here: the server already cut it into
// <span>s carrying data attributes, and this script only toggles classes.
"use strict";

(function () {
  var text = document.getElementById("doc-text");
  if (!text) {
    return;
  }

  function clear() {
    var marked = text.querySelectorAll(".hl, .hl-sent");
    for (var i = 0; i < marked.length; i++) {
      marked[i].classList.remove("hl", "hl-sent");
    }
    var items = document.querySelectorAll(".item.active");
    for (var j = 0; j < items.length; j++) {
      items[j].classList.remove("active");
      items[j].setAttribute("aria-pressed", "false");
    }
  }

  function mark(selector, cls) {
    var nodes = text.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].classList.add(cls);
    }
    return nodes;
  }

  function isIndex(value) {
    return /^[0-9]+$/.test(value || "");
  }

  function activate(item) {
    clear();
    item.classList.add("active");
    item.setAttribute("aria-pressed", "true");
    var sentence = item.getAttribute("data-sentence");
    if (isIndex(sentence)) {
      mark('[data-s="' + sentence + '"]', "hl-sent");
    }
    var words = [];
    var ev = item.getAttribute("data-event");
    var qt = item.getAttribute("data-quote");
    var ac = item.getAttribute("data-actor");
    if (isIndex(ev)) {
      words = mark('[data-e~="' + ev + '"]', "hl");
    } else if (isIndex(qt)) {
      words = mark('[data-q~="' + qt + '"]', "hl");
    } else if (isIndex(ac)) {
      words = mark('[data-a~="' + ac + '"]', "hl");
    }
    var first = words.length ? words[0] : text.querySelector(".hl-sent");
    if (first && first.scrollIntoView) {
      first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  var items = document.querySelectorAll(".item[data-event], .item[data-quote], .item[data-actor]");
  for (var i = 0; i < items.length; i++) {
    items[i].addEventListener("click", function (e) {
      if (e.target && e.target.closest && e.target.closest("a")) {
        return; // links inside an item keep working
      }
      activate(this);
    });
    items[i].addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        activate(this);
      }
    });
  }

  // Clicking a trigger or a quote in the text selects its entry in the side panel.
  text.addEventListener("click", function (e) {
    var piece = e.target && e.target.closest ? e.target.closest("[data-t], [data-q]") : null;
    if (!piece) {
      return;
    }
    var t = (piece.getAttribute("data-t") || "").split(" ")[0];
    var q = (piece.getAttribute("data-q") || "").split(" ")[0];
    var item = null;
    if (isIndex(t)) {
      item = document.getElementById("event-" + t);
    } else if (isIndex(q)) {
      item = document.getElementById("quote-" + q);
    }
    if (item) {
      activate(item);
      if (item.scrollIntoView) {
        item.scrollIntoView({ block: "nearest" });
      }
    }
  });

  // /doc/ID#event-3 (links from the events table) opens with that event selected.
  var target = /^#(event|quote)-[0-9]+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
  if (target) {
    activate(target);
  }
})();
