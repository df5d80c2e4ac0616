/* Netra desk editor: per-channel length counters, the channel's validation issues and the
   engine's findings while typing. The server counts (X weights, Telegram UTF-16, links as 23),
   so the page asks /meja/periksa (debounced) instead of guessing; until it answers, the counter
   shows code points. Text goes into the page through textContent only. No inline scripts (CSP). */
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form) { return; }
  var url = form.getAttribute("data-live-check");
  var textEl = document.getElementById("draft-text");
  var statusEl = document.getElementById("live-status");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var boxes = Array.prototype.slice.call(form.querySelectorAll(".channel-box"));
  var DEBOUNCE_MS = 500;
  var SEVERITY = { high: "tinggi", medium: "sedang", low: "rendah" };
  var timer = null;
  var seq = 0;

  function fmt(n) { return Number(n).toLocaleString("id-ID"); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function chosen() {
    return boxes.filter(function (b) { return b.querySelector("input[type=checkbox]").checked; });
  }

  function variantOf(box) {
    var area = box.querySelector("textarea");
    return area && area.value.trim() ? area.value : textEl.value;
  }

  function quickCounts() {
    boxes.forEach(function (box) {
      var on = box.querySelector("input[type=checkbox]").checked;
      box.querySelector(".channel-live").hidden = !on;
      if (!on) { return; }
      var n = Array.from(variantOf(box)).length;
      box.querySelector(".count").textContent = fmt(n);
      box.classList.toggle("over", n > Number(box.getAttribute("data-limit")));
    });
  }

  function show(result) {
    var total = 0;
    chosen().forEach(function (box) {
      var channel = box.getAttribute("data-channel");
      var check = result[channel];
      if (!check) { return; }
      box.querySelector(".count").textContent = fmt(check.count);
      box.querySelector(".limit").textContent = fmt(check.limit);
      box.classList.toggle("over", check.count > check.limit);
      var list = box.querySelector(".issues");
      list.textContent = "";
      check.issues.forEach(function (issue) {
        list.appendChild(el("li", issue.level, issue.message));
      });
      var findingsEl = box.querySelector(".live-findings");
      findingsEl.textContent = "";
      var findings = (check.report && check.report.findings) || [];
      total += findings.length;
      findings.forEach(function (f) {
        var line = el("span", "live-finding sev-" + f.severity);
        line.appendChild(el("mark", "sev-" + f.severity, f.text));
        line.appendChild(document.createTextNode(" — " + f.message + " (" + (SEVERITY[f.severity] || f.severity) + ")"));
        findingsEl.appendChild(line);
        findingsEl.appendChild(el("br"));
      });
    });
    statusEl.textContent = total ? "Pemeriksaan: " + total + " temuan." : "Pemeriksaan: tidak ada temuan.";
  }

  function check() {
    var boxesOn = chosen();
    if (!boxesOn.length || !textEl.value.trim()) { statusEl.textContent = ""; return; }
    var overrides = {};
    boxesOn.forEach(function (box) {
      var area = box.querySelector("textarea");
      if (area && area.value.trim()) { overrides[box.getAttribute("data-channel")] = area.value; }
    });
    var mine = ++seq;
    statusEl.textContent = "Memeriksa…";
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({
        text: textEl.value,
        channels: boxesOn.map(function (b) { return b.getAttribute("data-channel"); }),
        overrides: overrides
      })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (mine !== seq) { return; }
      if (!res.ok) {
        statusEl.textContent = (res.body.error && res.body.error.message) || "Pemeriksaan gagal.";
        return;
      }
      show(res.body);
    }).catch(function () {
      if (mine === seq) { statusEl.textContent = "Pemeriksaan langsung tidak tersedia; server memeriksa saat disimpan."; }
    });
  }

  function changed() {
    quickCounts();
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DEBOUNCE_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  quickCounts();
  if (textEl.value.trim()) { check(); }
}());
