// drafter's form: live preview, errors beside their fields, list items, group order.
// Plain JS, no build step and no network but this server.
(function () {
  "use strict";
  // the start page: levels and programme kinds follow the chosen genre (their data-genres)
  var startGenre = document.getElementById("start-genre");
  function offer(select, genre) {
    var first = null;
    Array.prototype.forEach.call(select.options, function (o) {
      var fits = (o.dataset.genres || "").split(" ").indexOf(genre) >= 0;
      o.hidden = o.disabled = !fits;
      if (fits && first === null) first = o;
    });
    if (first && (select.selectedOptions.length === 0 || select.selectedOptions[0].disabled)) first.selected = true;
  }
  if (startGenre) {
    var follow = function () {
      offer(document.getElementById("start-level"), startGenre.value);
      offer(document.getElementById("start-kind"), startGenre.value);
    };
    startGenre.addEventListener("change", follow);
    follow();
  }

  var form = document.getElementById("profile");
  if (!form) return;
  var preview = document.getElementById("preview");
  var state = document.getElementById("preview-state");
  var box = document.getElementById("problems");
  var list = document.getElementById("problem-list");
  var timer = null;
  var seq = 0;
  var counter = 1000; // new record rows get fresh indexes; the server orders rows by index

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/"/g, '\\"'); }

  function locate(path) {
    var scope = form;
    var keys = [];
    for (var i = 0; i < path.length; i++) {
      var seg = path[i];
      if (typeof seg === "number") {
        var holder = scope.querySelector('[data-path="' + cssEscape(keys.join(".")) + '"] .items');
        if (!holder || !holder.children[seg]) break;
        scope = holder.children[seg];
      } else {
        keys.push(String(seg));
      }
    }
    for (var n = keys.length; n > 0; n--) {
      var el = scope.querySelector('[data-path="' + cssEscape(keys.slice(0, n).join(".")) + '"]');
      if (el) return el;
    }
    return scope === form ? null : scope;
  }

  function showProblems(problems) {
    form.querySelectorAll(".err").forEach(function (e) { e.textContent = ""; });
    form.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
    list.innerHTML = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.message;
      list.appendChild(li);
      var el = locate(p.field || []);
      if (el) {
        var err = el.querySelector(":scope > .err") || el.querySelector(".err");
        if (err) {
          err.textContent = (err.textContent ? err.textContent + "；" : "") + p.message;
          el.classList.add("has-error");
        }
      }
    });
    box.hidden = problems.length === 0;
  }

  function updateTasks(tasks) {
    form.querySelectorAll(".task").forEach(function (row) {
      var t = tasks[row.dataset.task];
      row.classList.toggle("in", !!t);
      row.classList.toggle("out", !t);
      row.querySelector(".num").textContent = t ? t.label : "";
      if (t) row.querySelector(".dept-names").textContent = t.departments.join("、");
    });
  }

  function refresh() {
    var mine = ++seq;
    state.textContent = state.dataset.busy;
    fetch("/preview?lang=" + document.body.dataset.lang, { method: "POST", body: new FormData(form) })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (mine !== seq) return; // an older answer arriving late
        showProblems(data.problems || []);
        Object.keys(data.departments || {}).forEach(function (role) {
          var input = form.querySelector('input[data-role="' + role + '"]');
          if (input) input.placeholder = data.departments[role];
        });
        if (data.ok) {
          preview.innerHTML = data.html;
          updateTasks(data.tasks || {});
          state.textContent = state.dataset.ok;
          preview.classList.remove("stale");
        } else {
          state.textContent = state.dataset.stale;
          preview.classList.add("stale");
        }
        document.body.dataset.previewSeq = String(mine);
      })
      .catch(function () { state.textContent = state.dataset.stale; });
  }

  function later() { clearTimeout(timer); timer = setTimeout(refresh, 350); }

  form.addEventListener("input", later);
  form.addEventListener("change", later);

  form.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (!b || b.type === "submit") return;
    if (b.classList.contains("add")) {
      var holder = b.parentElement;
      var html = holder.querySelector(":scope > template").innerHTML.replace(/__i__/g, String(counter++));
      holder.querySelector(":scope > .items").insertAdjacentHTML("beforeend", html);
      var items = holder.querySelector(":scope > .items").children;
      var first = items[items.length - 1].querySelector("input,select,textarea");
      if (first) first.focus();
      later();
    } else if (b.classList.contains("remove")) {
      b.closest(".item").remove();
      later();
    } else if (b.classList.contains("up") || b.classList.contains("down")) {
      var li = b.closest("li");
      if (b.classList.contains("up") && li.previousElementSibling) li.parentNode.insertBefore(li, li.previousElementSibling);
      if (b.classList.contains("down") && li.nextElementSibling) li.parentNode.insertBefore(li.nextElementSibling, li);
      document.getElementById("own-order").checked = true;
      syncOrder();
      later();
    }
  });

  // another genre offers other levels, programme kinds and fields: the server redraws the form
  var genre = document.getElementById("genre");
  if (genre) genre.addEventListener("change", function () { document.getElementById("apply-genre").click(); });

  function syncOrder() {
    var own = document.getElementById("own-order").checked;
    form.querySelectorAll('#group-order input[name="tasks.groups"]').forEach(function (i) { i.disabled = !own; });
  }
  document.getElementById("own-order").addEventListener("change", syncOrder);

  try { showProblems(JSON.parse(document.getElementById("initial-problems").textContent)); } catch (e) { /* none */ }
})();
