// Small progressive enhancements: keyboard review queue, upload progress, confirmations.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  var list = document.querySelector("[data-keyboard-list]");
  if (list) {
    var rows = Array.prototype.slice.call(list.querySelectorAll("tbody tr"));
    var current = -1;
    var move = function (to) {
      if (!rows.length) { return; }
      if (current >= 0) { rows[current].classList.remove("current"); }
      current = Math.max(0, Math.min(rows.length - 1, to));
      rows[current].classList.add("current");
      var link = rows[current].querySelector("a");
      if (link) { link.focus(); }
    };
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "select" || tag === "textarea" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key === "j") { move(current + 1); event.preventDefault(); }
      else if (event.key === "k") { move(current - 1); event.preventDefault(); }
      else if (event.key === "x" && current >= 0) {
        var box = rows[current].querySelector("input[type=checkbox]");
        if (box) { box.checked = !box.checked; }
        event.preventDefault();
      }
    });
    var all = document.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("click", function () {
        list.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
      });
    }
  }

  var upload = document.getElementById("upload-form");
  if (upload && window.XMLHttpRequest && window.FormData) {
    upload.addEventListener("submit", function (event) {
      var input = upload.querySelector("input[type=file]");
      var status = document.getElementById("upload-status");
      var limit = parseInt(upload.getAttribute("data-max-bytes"), 10);
      if (input.files.length && input.files[0].size > limit) {
        event.preventDefault();
        status.textContent = "Too large: " + input.files[0].name;
        return;
      }
      event.preventDefault();
      var progress = document.getElementById("upload-progress");
      progress.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", upload.action);
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
      });
      request.upload.addEventListener("load", function () { status.textContent = "…"; });
      request.addEventListener("load", function () {
        var type = request.getResponseHeader("content-type") || "";
        if (type.indexOf("application/json") === 0) {
          progress.hidden = true;
          try { status.textContent = JSON.parse(request.responseText).error.message; }
          catch (e) { status.textContent = request.statusText; }
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      if (csrf) { request.setRequestHeader("X-CSRF-Token", csrf.content); }
      request.send(new FormData(upload));
    });
  }
}());
