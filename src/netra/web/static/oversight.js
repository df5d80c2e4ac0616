/* Netra oversight: the job page polls its JSON twin every second and updates the progress bar,
   counters, rate and ETA. Everything goes in through textContent. When the job ends, the page is
   reloaded once so the server renders the final state (links, errors). No inline scripts (CSP). */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.getAttribute("data-terminal") === "true") { return; }
  var url = box.getAttribute("data-url");
  var bar = document.getElementById("job-progress");
  var statusEl = document.getElementById("job-status");
  var summary = document.getElementById("job-summary");
  var rateEl = document.getElementById("job-rate");
  var etaEl = document.getElementById("job-eta");
  var errorEl = document.getElementById("job-error");
  var INTERVAL_MS = 1000;
  var failures = 0;

  function fmt(n) { return Number(n).toLocaleString("id-ID"); }

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    statusEl.textContent = job.status_label;
    statusEl.className = "badge job-" + job.status;
    if (job.status === "importing") {
      summary.textContent = "Mengimpor arsip: " + fmt(job.total) + " unggahan terbaca.";
    } else {
      summary.textContent = fmt(job.scanned) + " dari " + fmt(job.total) +
        " unggahan diperiksa (" + job.percent + "%), " + fmt(job.flagged) + " bertanda.";
    }
    rateEl.textContent = job.posts_per_second === null ? "—" :
      job.posts_per_second.toLocaleString("id-ID") + " unggahan/detik";
    etaEl.textContent = job.eta_label;
    if (job.error) {
      errorEl.textContent = "Impor arsip bermasalah: " + job.error;
      errorEl.hidden = false;
    }
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (job) {
        failures = 0;
        show(job);
        if (job.terminal) { window.location.reload(); return; }
        window.setTimeout(poll, INTERVAL_MS);
      })
      .catch(function () {
        failures += 1;  // a restart or a dropped connection: back off, keep trying
        window.setTimeout(poll, Math.min(30000, INTERVAL_MS * Math.pow(2, failures)));
      });
  }

  window.setTimeout(poll, INTERVAL_MS);
}());
