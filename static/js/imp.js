/* Shared page behaviour under the Content-Security-Policy (no inline script, handler or style).
   Templates declare what they need with data-* attributes; this file, loaded by base.html on
   every page, wires it up:
     data-lebar="42"          element.style.width = "42%"   (progress bars)
     data-warna="#c00"        element.style.color           (legend symbols)
     data-cetak               click → window.print()
     data-kembali             click → history.back() when there is a page to go back to,
                              otherwise the link's href is followed
     data-konfirmasi="Teks?"  on a form: submit only after confirm(); on a link/button: the same
   and loads Bootstrap's JavaScript (its own data-bootstrap="<url>") after the page's load.
   A script that inserts HTML later calls IMP.terapkan(root) on what it inserted. */
(function () {
  "use strict";

  function terapkan(akar) {
    akar = akar || document;
    akar.querySelectorAll("[data-lebar]").forEach(function (el) {
      var n = parseFloat(String(el.dataset.lebar).replace(",", "."));
      if (!isNaN(n)) el.style.width = Math.max(0, Math.min(100, n)) + "%";
    });
    akar.querySelectorAll("[data-warna]").forEach(function (el) {
      el.style.color = el.dataset.warna;
    });
  }

  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-cetak], [data-kembali], a[data-konfirmasi], button[data-konfirmasi]");
    if (!el) return;
    if (el.hasAttribute("data-cetak")) {
      e.preventDefault();
      window.print();
    } else if (el.hasAttribute("data-kembali")) {
      if (window.history.length > 1 && document.referrer) {
        e.preventDefault();
        window.history.back();
      }
    } else if (!window.confirm(el.dataset.konfirmasi)) {
      e.preventDefault();
    }
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset && form.dataset.konfirmasi && !window.confirm(form.dataset.konfirmasi)) {
      e.preventDefault();
    }
  });

  // Bootstrap's JavaScript (the navbar menu, dropdowns, closing an alert) only answers clicks: it
  // comes after the page's load, so that a slow line shows the page first (bench/pwa_bench.py).
  // A click on one of its toggles before it has arrived loads it at once and is then repeated.
  var skripBootstrap = document.currentScript && document.currentScript.dataset.bootstrap;
  var bootstrapDimuat = null;
  function muatBootstrap() {
    if (window.bootstrap) return Promise.resolve();
    if (!bootstrapDimuat) {
      bootstrapDimuat = new Promise(function (ok, gagal) {
        var s = document.createElement("script");
        s.src = skripBootstrap;
        s.onload = ok;
        s.onerror = function () { bootstrapDimuat = null; gagal(); };
        document.body.appendChild(s);
      });
    }
    return bootstrapDimuat;
  }
  if (skripBootstrap) {
    document.addEventListener("click", function (e) {
      var el = !window.bootstrap && e.target.closest("[data-bs-toggle], [data-bs-dismiss]");
      if (!el) return;
      e.preventDefault();
      e.stopPropagation();
      muatBootstrap().then(function () { el.click(); }, function () { /* no signal: no menu */ });
    }, true);
    if (document.readyState === "complete") muatBootstrap();
    else window.addEventListener("load", function () { muatBootstrap().catch(function () {}); }, { once: true });
  }

  window.IMP = { terapkan: terapkan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { terapkan(); });
  } else {
    terapkan();
  }
})();
