// Review page: keyboard shortcuts, and a text selection -> char offsets in Article.text.
// Article text is data: this file only ever writes it with textContent or .value, never
// innerHTML. Forms post normally; the server saves the decision and redirects.
"use strict";

(function () {
  const body = document.body;
  const page = body.dataset.page;

  function typing(target) {
    return Boolean(target.closest && target.closest("input, textarea, select, [contenteditable]"));
  }
  function go(url) {
    if (url) window.location.assign(url);
  }
  function submit(id) {
    const form = document.getElementById(id);
    if (form) form.requestSubmit();
  }

  // ---- the row page: a / r / c / j k → ← / u
  function openCorrection() {
    const first = document.querySelector(
      "#correct-form input:not([type=hidden]), #correct-form select");
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    first.focus();
    if (first.select) first.select();
  }
  const rowKeys = {
    a: () => submit("accept-form"),
    r: () => submit("reject-form"),
    c: openCorrection,
    j: () => go(body.dataset.next),
    ArrowRight: () => go(body.dataset.next),
    k: () => go(body.dataset.prev),
    ArrowLeft: () => go(body.dataset.prev),
    u: () => go(body.dataset.list),
  };
  const opener = document.getElementById("correct-open");
  if (opener) opener.addEventListener("click", openCorrection);

  // ---- the list page: j / k (or ↓ ↑) move, Enter or o opens, / goes to the filters
  let current = -1;
  function rowLinks() {
    return Array.from(document.querySelectorAll("#rows a.open"));
  }
  function move(step) {
    const links = rowLinks();
    if (!links.length) return;
    current = Math.max(0, Math.min(links.length - 1, current + step));
    links.forEach((link) => link.closest("tr").classList.remove("active"));
    links[current].closest("tr").classList.add("active");
    links[current].focus();
  }
  const listKeys = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    o: () => { const links = rowLinks(); if (links.length) links[Math.max(current, 0)].click(); },
    "/": () => { const first = document.querySelector("#filters select, #filters input"); if (first) first.focus(); },
  };
  const docKeys = { u: () => go(body.dataset.list) };
  const keymaps = { row: rowKeys, list: listKeys, doc: docKeys };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key === "Escape") {
      if (typing(event.target)) event.target.blur();
      hideAddForm();
      return;
    }
    if (typing(event.target)) return;
    const action = (keymaps[page] || {})[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // ---- adding a missed fact: selection -> offsets (code points, as Python counts them)
  function codePoints(text) {
    let n = 0;
    for (const _ of text) n += 1;
    return n;
  }
  function textSpanOf(node) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    return element ? element.closest("span.t") : null;
  }
  // The char offset of a DOM point (container, offset). Points inside a text span are exact;
  // points between spans or inside a mention's label snap to the nearest text inside.
  function boundary(root, container, offset, isEnd) {
    const span = textSpanOf(container);
    if (span && root.contains(span)) {
      const start = Number(span.dataset.start);
      if (container.nodeType === Node.TEXT_NODE) {
        return start + codePoints(container.data.slice(0, offset));
      }
      return offset === 0 ? start : Number(span.dataset.end);
    }
    const point = document.createRange();
    point.setStart(container, offset);
    point.collapse(true);
    const spans = Array.from(root.querySelectorAll("span.t"));
    if (!isEnd) {
      const first = spans.find((s) => point.comparePoint(s, 0) >= 0);
      return first ? Number(first.dataset.start) : null;
    }
    const last = spans.reverse().find((s) => point.comparePoint(s, s.childNodes.length) <= 0);
    return last ? Number(last.dataset.end) : null;
  }
  function textBetween(root, start, end) {
    let out = "";
    for (const span of root.querySelectorAll("span.t")) {
      const a = Number(span.dataset.start);
      const b = Number(span.dataset.end);
      if (b <= start || a >= end) continue;
      out += Array.from(span.textContent).slice(Math.max(0, start - a), Math.min(b, end) - a).join("");
    }
    return out;
  }
  function selectedOffsets() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const common = range.commonAncestorContainer;
    const element = common.nodeType === Node.TEXT_NODE ? common.parentElement : common;
    const root = element && element.closest(".article, .passage");
    if (!root) return null;
    let start = boundary(root, range.startContainer, range.startOffset, false);
    let end = boundary(root, range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return null;
    const raw = textBetween(root, start, end);
    start += codePoints(raw) - codePoints(raw.trimStart());
    end -= codePoints(raw) - codePoints(raw.trimEnd());
    const text = raw.trim();
    return text ? { start, end, text } : null;
  }
  function showAddForm() {
    const form = document.getElementById("add-form");
    const chosen = form && selectedOffsets();
    if (!chosen) return;
    document.getElementById("add-start").value = String(chosen.start);
    document.getElementById("add-end").value = String(chosen.end);
    document.getElementById("add-text").textContent = chosen.text;
    document.getElementById("add-offsets").textContent = chosen.start + "–" + chosen.end;
    form.hidden = false;
    const hint = document.getElementById("add-hint");
    if (hint) hint.hidden = true;
  }
  function hideAddForm() {
    const form = document.getElementById("add-form");
    if (!form || form.hidden) return;
    form.hidden = true;
    const hint = document.getElementById("add-hint");
    if (hint) hint.hidden = false;
  }
  function showFactFields() {
    const kind = document.getElementById("add-kind");
    const fields = document.querySelector("#add-form .fact-fields");
    if (kind && fields) fields.hidden = !kind.value;
  }
  document.addEventListener("mouseup", (event) => {
    if (!event.target.closest("#add-form")) showAddForm();
  });
  document.addEventListener("keyup", (event) => {
    if (event.key === "Shift" && !typing(event.target)) showAddForm();
  });
  const cancel = document.getElementById("add-cancel");
  if (cancel) cancel.addEventListener("click", hideAddForm);
  const kind = document.getElementById("add-kind");
  if (kind) kind.addEventListener("change", showFactFields);
  showFactFields();
  body.dataset.ready = "1";            // tests wait for this before pressing keys
})();
