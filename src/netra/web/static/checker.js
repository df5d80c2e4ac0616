/* Netra checker: live checking as you type (debounced), highlights rendered from JSON spans.
   All post text goes into the page through textContent, never innerHTML. Offsets from the
   server are Python string indices (code points), so the text is cut with Array.from. */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) { return; }
  var textEl = document.getElementById("text");
  var accountEl = document.getElementById("account");
  var channelEl = document.getElementById("channel");
  var dateEl = document.getElementById("posted_on");
  var statusEl = document.getElementById("status");
  var emptyEl = document.getElementById("empty");
  var busyEl = document.getElementById("busy");
  var errorEl = document.getElementById("error");
  var verdictEl = document.getElementById("verdict");
  var previewEl = document.getElementById("preview");
  var findingsEl = document.getElementById("findings");
  var redactedBox = document.getElementById("redacted-box");
  var redactedEl = document.getElementById("redacted");
  var useRedacted = document.getElementById("use-redacted");
  var data = JSON.parse(document.getElementById("checker-data").textContent);
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var RANK = { low: 1, medium: 2, high: 3 };
  var DEBOUNCE_MS = 400;
  var timer = null;
  var controller = null;
  var seq = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function fmt(n) { return n.toLocaleString("id-ID"); }

  function updateCounters() {
    var n = Array.from(textEl.value).length;
    var items = document.querySelectorAll("#counters li");
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      li.querySelector(".n").textContent = fmt(n);
      li.classList.toggle("over", n > Number(li.getAttribute("data-limit")));
      li.classList.toggle("current", li.getAttribute("data-channel") === channelEl.value);
    }
  }

  function segments(text, findings) {
    var cps = Array.from(text);
    var n = cps.length;
    var spans = [];
    findings.forEach(function (f, i) {
      var s = Math.max(0, Math.min(n, f.start));
      var e = Math.max(0, Math.min(n, f.end));
      if (e > s) { spans.push({ s: s, e: e, i: i + 1, sev: f.severity }); }
    });
    var cuts = [0, n];
    spans.forEach(function (sp) { cuts.push(sp.s, sp.e); });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    var out = [];
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      var covering = spans.filter(function (sp) { return sp.s <= a && b <= sp.e; });
      var sev = null;
      covering.forEach(function (sp) { if (!sev || RANK[sp.sev] > RANK[sev]) { sev = sp.sev; } });
      out.push({ text: cps.slice(a, b).join(""), f: covering.map(function (c) { return c.i; }), sev: sev });
    }
    return out;
  }

  function renderVerdict(report) {
    verdictEl.className = "verdict verdict-" + report.verdict;
    verdictEl.textContent = "";
    var line = el("p", "verdict-line");
    line.appendChild(el("strong", "verdict-label", data.verdicts[report.verdict]));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(el("span", "score", "skor risiko " + report.risk_score + "/100"));
    verdictEl.appendChild(line);
    var meter = el("div", "meter");
    meter.setAttribute("aria-hidden", "true");
    meter.appendChild(el("span", "meter-fill w" + Math.floor(report.risk_score / 5) * 5));
    verdictEl.appendChild(meter);
    verdictEl.appendChild(el("p", "hint", data.hints[report.verdict]));
  }

  function renderPreview(report, text) {
    previewEl.textContent = "";
    segments(text, report.findings).forEach(function (seg) {
      if (!seg.f.length) { previewEl.appendChild(document.createTextNode(seg.text)); return; }
      var mark = el("mark", "sev-" + seg.sev);
      mark.setAttribute("data-f", seg.f.join(" "));
      var link = el("a", null, seg.text);
      link.href = "#finding-" + seg.f[0];
      link.setAttribute("aria-describedby", "finding-" + seg.f[0]);
      mark.appendChild(link);
      mark.appendChild(el("sup", null, seg.f.join(",")));
      previewEl.appendChild(mark);
    });
    previewEl.hidden = false;
  }

  function renderFindings(report) {
    findingsEl.textContent = "";
    report.findings.forEach(function (f, i) {
      var li = el("li", "finding sev-" + f.severity);
      li.id = "finding-" + (i + 1);
      li.tabIndex = -1;
      var h = el("h3");
      h.appendChild(el("span", "badge sev-" + f.severity, data.severities[f.severity]));
      var title = " " + (data.categories[f.category] || f.category);
      if (f.entity) { title += " · " + (data.entities[f.entity] || f.entity); }
      h.appendChild(document.createTextNode(title));
      li.appendChild(h);
      if (f.text) { li.appendChild(el("p", "quote", "“" + f.text + "”")); }
      var dl = el("dl");
      dl.appendChild(el("dt", null, "Alasan"));
      dl.appendChild(el("dd", null, f.message));
      if (f.rules && f.rules.length) {
        dl.appendChild(el("dt", null, "Aturan"));
        var dd = el("dd");
        var ul = el("ul", "refs");
        f.rules.forEach(function (rid) {
          var reg = data.regulations[rid];
          var item = el("li");
          if (reg) {
            var a = el("a", null, reg.title);
            a.href = "/pedoman/" + encodeURIComponent(rid);
            item.appendChild(a);
            item.appendChild(document.createTextNode(", " + reg.article));
          } else {
            item.textContent = rid;
          }
          ul.appendChild(item);
        });
        dd.appendChild(ul);
        dl.appendChild(dd);
      }
      if (f.suggestion) {
        dl.appendChild(el("dt", null, "Saran"));
        dl.appendChild(el("dd", null, f.suggestion));
      }
      li.appendChild(dl);
      findingsEl.appendChild(li);
    });
  }

  function render(report, text) {
    errorEl.hidden = true;
    emptyEl.hidden = true;
    busyEl.hidden = true;
    renderVerdict(report);
    renderPreview(report, text);
    renderFindings(report);
    var changed = report.redacted_text !== text;
    redactedBox.hidden = !changed;
    redactedEl.value = report.redacted_text;
    useRedacted.hidden = !changed;
    statusEl.textContent = data.verdicts[report.verdict] + ": " + report.findings.length +
      " temuan, skor risiko " + report.risk_score + ".";
  }

  function clearResult() {
    verdictEl.className = "verdict";
    verdictEl.textContent = "";
    previewEl.textContent = "";
    previewEl.hidden = true;
    findingsEl.textContent = "";
    redactedBox.hidden = true;
    errorEl.hidden = true;
    busyEl.hidden = true;
    emptyEl.hidden = false;
    statusEl.textContent = "";
  }

  function showError(message) {
    errorEl.textContent = message;
    errorEl.hidden = false;
    busyEl.hidden = true;
    emptyEl.hidden = true;
    statusEl.textContent = "";
  }

  function context() {
    var ctx = { account: accountEl.value, channel: channelEl.value };
    if (dateEl.value) { ctx.posted_at = dateEl.value; }
    return ctx;
  }

  function run() {
    var text = textEl.value;
    if (!text.trim()) { clearResult(); return; }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var mine = ++seq;
    busyEl.hidden = false;
    fetch("/api/v1/check", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ text: text, context: context() }),
      signal: controller.signal
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (res) {
      if (mine !== seq) { return; }
      if (!res.ok) {
        showError(res.body && res.body.error ? res.body.error.message : "Pemeriksaan gagal.");
        return;
      }
      render(res.body, text);
    }).catch(function (err) {
      if (err && err.name === "AbortError") { return; }
      showError("Tidak dapat menghubungi server Netra. Coba tekan tombol Periksa.");
    });
  }

  function schedule() {
    updateCounters();
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  textEl.addEventListener("input", schedule);
  accountEl.addEventListener("change", schedule);
  channelEl.addEventListener("change", schedule);
  dateEl.addEventListener("change", schedule);
  useRedacted.addEventListener("click", function () {
    textEl.value = redactedEl.value;
    textEl.focus();
    schedule();
  });
  if (!redactedBox.hidden) { useRedacted.hidden = false; }
  updateCounters();
  form.setAttribute("data-live", "1");
})();
