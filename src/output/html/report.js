// mtlint report: a tooltip on hover and focus, keyboard navigation between
// findings (j/n next, k/p previous, Esc hides the tooltip) and filters. The page
// reads without it; this only adds to what is there. No data is built into HTML
// strings here: the tooltip is a copy of the finding's details in the sidebar.
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.finding"));
  var tip = document.getElementById("tip");
  var sidebar = document.getElementById("sidebar");
  var current = null;

  function itemOf(mark) {
    return document.getElementById("l" + mark.id.slice(1));
  }

  function visible(mark) {
    return !mark.classList.contains("filtered");
  }

  // The positioned tooltip replaces the browser's own `title` tooltip.
  marks.forEach(function (m) {
    m.removeAttribute("title");
  });

  function showTip(mark) {
    var details = document.getElementById(mark.getAttribute("aria-describedby"));
    if (!details || !visible(mark)) {
      return;
    }
    var copy = details.cloneNode(true);
    copy.removeAttribute("id");
    tip.replaceChildren(copy);
    tip.hidden = false;
    tip.dataset.finding = mark.id;
    var r = mark.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, width - tip.offsetWidth - 8));
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight && r.top - tip.offsetHeight - 6 > 0) {
      top = r.top - tip.offsetHeight - 6;
    }
    tip.style.left = window.scrollX + left + "px";
    tip.style.top = window.scrollY + top + "px";
  }

  function hideTip() {
    tip.hidden = true;
    delete tip.dataset.finding;
  }

  function setCurrent(mark) {
    if (current) {
      current.classList.remove("current");
      var old = itemOf(current);
      if (old) {
        old.classList.remove("current");
        old.removeAttribute("aria-current");
      }
    }
    current = mark;
    mark.classList.add("current");
    var item = itemOf(mark);
    if (item) {
      item.classList.add("current");
      item.setAttribute("aria-current", "true");
      var ir = item.getBoundingClientRect();
      var sr = sidebar.getBoundingClientRect();
      if (ir.top < sr.top || ir.bottom > sr.bottom) {
        sidebar.scrollTop += ir.top - sr.top - sr.height / 3;
      }
    }
  }

  function go(mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  // The next (step 1) or previous (step -1) finding not hidden by the filters,
  // from the current one, wrapping around.
  function move(step) {
    var n = marks.length;
    var at = current ? marks.indexOf(current) : (step > 0 ? -1 : n);
    for (var k = 1; k <= n; k++) {
      var next = marks[(((at + step * k) % n) + n) % n];
      if (visible(next)) {
        go(next);
        return;
      }
    }
  }

  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest("mark.finding");
    if (mark) {
      showTip(mark);
    }
  });
  document.addEventListener("mouseout", function (e) {
    var mark = e.target.closest && e.target.closest("mark.finding");
    if (mark && !(e.relatedTarget && mark.contains(e.relatedTarget))) {
      var focused = document.activeElement;
      if (focused && focused.matches("mark.finding")) {
        showTip(focused);
      } else {
        hideTip();
      }
    }
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches("mark.finding")) {
      setCurrent(e.target);
      showTip(e.target);
    }
  });
  document.addEventListener("focusout", function (e) {
    if (e.target.matches("mark.finding")) {
      hideTip();
    }
  });
  document.addEventListener("keydown", function (e) {
    // Letters typed into a text field are not commands (checkboxes and sliders take none).
    var typing = e.target.closest("textarea, select, input:not([type=checkbox]):not([type=range])");
    if (e.ctrlKey || e.metaKey || e.altKey || typing) {
      return;
    }
    if (e.key === "j" || e.key === "n") {
      move(1);
    } else if (e.key === "k" || e.key === "p") {
      move(-1);
    } else if (e.key === "Escape") {
      hideTip();
    } else {
      return;
    }
    e.preventDefault();
  });
  sidebar.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-finding]");
    if (link) {
      var mark = document.getElementById(link.dataset.finding);
      if (mark) {
        e.preventDefault();
        go(mark);
      }
    }
  });

  // Filters by category, severity and minimum confidence.
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var range = document.getElementById("min-confidence");
  var rangeValue = document.getElementById("min-confidence-value");
  var count = document.getElementById("shown");

  function checked(name) {
    var values = new Set();
    form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (input) {
      values.add(input.value);
    });
    return values;
  }

  function apply() {
    var categories = checked("category");
    var severities = checked("severity");
    var min = Number(range.value) / 100;
    rangeValue.textContent = range.value + "%";
    var shown = 0;
    marks.forEach(function (m) {
      var ok = categories.has(m.dataset.category) &&
        severities.has(m.dataset.severity) &&
        Number(m.dataset.confidence) + 1e-9 >= min;
      m.classList.toggle("filtered", !ok);
      m.tabIndex = ok ? 0 : -1;
      var item = itemOf(m);
      if (item) {
        item.hidden = !ok;
      }
      if (ok) {
        shown += 1;
      }
    });
    count.textContent = shown + " of " + marks.length + " findings shown";
    if (tip.dataset.finding) {
      var open = document.getElementById(tip.dataset.finding);
      if (open && !visible(open)) {
        hideTip();
      }
    }
  }

  form.hidden = false;
  document.querySelector(".keys").hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  apply();
})();
