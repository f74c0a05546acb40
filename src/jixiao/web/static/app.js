/* jixiao web: small behaviours on top of HTMX (served from this site: no inline script).
   - the findings panel: open/close, filter by severity and code, sort, re-applied after the
     live preview replaces it;
   - a form marked data-changed-only sends only the fields the user changed, so a stale save
     lists exactly those;
   - long text areas grow with their text where the browser cannot do it in CSS;
   - an upload shows its progress, and the answer of a refused upload is shown too. */
(function () {
  "use strict";

  var state = { severity: "", code: "", sort: "order" };

  function layout() { return document.getElementById("layout"); }

  function setPanel(open) {
    var box = layout();
    if (!box) { return; }
    var docked = window.matchMedia("(min-width: 1600px)").matches;
    // Wide screens show the panel unless toggled off; narrower ones hide it unless toggled on.
    box.classList.toggle("toggled", docked ? !open : open);
    document.querySelectorAll(".panel-toggle[aria-controls=findings]").forEach(function (button) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function panelOpen() {
    var box = layout();
    if (!box) { return false; }
    var docked = window.matchMedia("(min-width: 1600px)").matches;
    return docked ? !box.classList.contains("toggled") : box.classList.contains("toggled");
  }

  function applyFindings() {
    var panel = document.getElementById("findings");
    if (!panel) { return; }
    var list = panel.querySelector("ol.findings");
    if (!list) { return; }
    panel.querySelectorAll("select[data-filter]").forEach(function (select) {
      var wanted = state[select.getAttribute("data-filter")];
      if (Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      } else {
        state[select.getAttribute("data-filter")] = select.value = "";
      }
    });
    var sorter = panel.querySelector("select[data-sort]");
    if (sorter) { sorter.value = state.sort; }
    var items = Array.prototype.slice.call(list.children);
    var shown = 0;
    items.forEach(function (item) {
      var visible = (!state.severity || item.dataset.severity === state.severity) &&
                    (!state.code || item.dataset.code === state.code);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    var key = state.sort;
    items.sort(function (a, b) {
      var first = key === "code" ? a.dataset.code.localeCompare(b.dataset.code) :
                  key === "rank" ? Number(a.dataset.rank) - Number(b.dataset.rank) : 0;
      return first || Number(a.dataset.order) - Number(b.dataset.order);
    });
    items.forEach(function (item) { list.appendChild(item); });
    var count = panel.querySelector(".shown-count");
    if (count) { count.textContent = shown === items.length ? "" : "显示 " + shown + " / " + items.length; }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("#findings select[data-filter]")) {
      state[target.getAttribute("data-filter")] = target.value;
      applyFindings();
    } else if (target.matches && target.matches("#findings select[data-sort]")) {
      state.sort = target.value;
      applyFindings();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".panel-toggle[aria-controls=findings]");
    if (button) {
      setPanel(button.classList.contains("panel-close") ? false : !panelOpen());
      return;
    }
    var jump = event.target.closest && event.target.closest("#findings ol.findings a[href^=\"#row-\"]");
    if (jump) {
      var row = document.querySelector(jump.getAttribute("href"));
      if (row) {
        document.querySelectorAll("tr.jumped").forEach(function (r) { r.classList.remove("jumped"); });
        row.classList.add("jumped");
      }
    }
  });

  // Only the changed fields of a data-changed-only form are sent when it is submitted.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-changed-only")) { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if ((field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type !== "hidden")) &&
          field.value === field.defaultValue) {
        field.disabled = true;
      }
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-changed-only]").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    });
  });

  // Text areas grow with their text (CSS field-sizing where the browser has it).
  var cssGrows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function grow(area) {
    if (cssGrows) { return; }
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }
  document.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { grow(event.target); }
  });

  // Upload progress for forms marked data-progress (HTMX posts them).
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("form[data-progress]");
    if (!form || !event.detail.lengthComputable) { return; }
    var bar = document.getElementById(form.getAttribute("data-progress"));
    if (!bar) { return; }
    bar.hidden = false;
    var done = event.detail.loaded >= event.detail.total;
    bar.querySelector("progress").value = Math.round(100 * event.detail.loaded / event.detail.total);
    bar.querySelector(".progress-text").textContent = done ? "已上传，正在审核…" :
      "正在上传 " + Math.round(100 * event.detail.loaded / event.detail.total) + "%";
  });
  // A refused upload (4xx) is an answer to show, not an error to drop.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status >= 400 && status < 500 && event.detail.requestConfig &&
        event.detail.requestConfig.elt.closest && event.detail.requestConfig.elt.closest("form[data-progress]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form[data-progress]");
    var bar = form && document.getElementById(form.getAttribute("data-progress"));
    if (!bar || bar.hidden) { return; }
    bar.querySelector("progress").value = 100;
    bar.querySelector(".progress-text").textContent = event.detail.successful || event.detail.xhr.status < 500 ?
      "已完成" : "审核失败，请重试";
  });

  document.addEventListener("htmx:afterSettle", applyFindings);
  document.addEventListener("DOMContentLoaded", function () {
    if (layout()) { setPanel(window.matchMedia("(min-width: 1600px)").matches); }
    document.querySelectorAll("textarea").forEach(grow);
    applyFindings();
  });
})();
