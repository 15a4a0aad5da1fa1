// Polls the status of recap files that are still queued or rendering, and shows the download
// link when ready (no manual reload); copies a file's SHA-256 (data-salin). Plain JS, no
// dependencies, nothing inline (CSP): elements are built with the DOM, widths set via .style.
(function () {
  "use strict";

  function el(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) { e.className = kelas; }
    if (teks) { e.textContent = teks; }
    return e;
  }

  function teksTahap(data) {
    return data.label + (data.tahap ? " · " + data.tahap : "") +
      (data.antrian_gagal ? " · antrean tidak terjangkau, akan dicoba lagi otomatis" : "");
  }

  function bar(data) {
    var wadah = document.createDocumentFragment();
    var luar = el("div", "progress");
    luar.setAttribute("role", "progressbar");
    luar.setAttribute("aria-label", "Kemajuan pembuatan berkas");
    luar.setAttribute("aria-valuenow", data.progres);
    luar.setAttribute("aria-valuemin", "0");
    luar.setAttribute("aria-valuemax", "100");
    var dalam = el("div", "progress-bar progress-bar-striped progress-bar-animated", data.progres + "%");
    dalam.style.width = Math.max(0, Math.min(100, Number(data.progres) || 0)) + "%";
    luar.appendChild(dalam);
    wadah.appendChild(luar);
    wadah.appendChild(el("span", "small text-muted tahap", teksTahap(data)));
    return wadah;
  }

  function sha(nilai) {
    var details = el("details", "sha d-inline-block");
    var ringkas = el("abbr", "font-monospace text-decoration-none", "SHA-256 " + nilai.slice(0, 12) + "…");
    ringkas.title = "SHA-256 " + nilai;
    var summary = el("summary");
    summary.appendChild(ringkas);
    details.appendChild(summary);
    details.appendChild(el("span", "font-monospace user-select-all sha-lengkap", nilai));
    details.appendChild(document.createTextNode(" "));
    var tombol = el("button", "btn btn-link btn-sm p-0 align-baseline", " Salin");
    tombol.type = "button";
    tombol.dataset.salin = nilai;
    tombol.insertBefore(el("i", "bi bi-clipboard"), tombol.firstChild);
    tombol.firstChild.setAttribute("aria-hidden", "true");
    details.appendChild(tombol);
    return details;
  }

  function ganti(wadah, isi) {
    while (wadah.firstChild) { wadah.removeChild(wadah.firstChild); }
    if (isi) { wadah.appendChild(isi); }
  }

  function perbarui(baris) {
    fetch(baris.dataset.statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var sel = baris.querySelector(".status-berkas");
        if (data.status === "SELESAI") {
          ganti(sel, el("span", "badge text-bg-success", "Selesai"));
          if (data.sha256) { ganti(baris.querySelector(".sha-wadah"), sha(data.sha256)); }
          var unduh = el("a", "btn btn-sm btn-success", " Unduh");
          unduh.href = data.unduh;
          unduh.insertBefore(el("i", "bi bi-download"), unduh.firstChild);
          ganti(baris.querySelector(".unduh"), unduh);
          baris.dataset.selesai = "1";
        } else if (data.status === "GAGAL") {
          ganti(sel, el("span", "badge text-bg-danger", "Gagal"));
          sel.appendChild(document.createTextNode(" " + data.pesan_galat));
          baris.dataset.selesai = "1";
        } else {
          ganti(sel, bar(data));
        }
      })
      .catch(function () { /* try again on the next tick */ });
  }

  function putaran() {
    var menunggu = document.querySelectorAll("tr[data-berkas]:not([data-selesai='1'])");
    menunggu.forEach(perbarui);
    if (menunggu.length) { window.setTimeout(putaran, 1500); }
  }

  document.addEventListener("click", function (e) {
    var tombol = e.target.closest("[data-salin]");
    if (!tombol) { return; }
    var details = tombol.closest("details");
    var lengkap = details && details.querySelector(".sha-lengkap");
    function tandai(teks) { tombol.lastChild.textContent = " " + teks; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(tombol.dataset.salin).then(
        function () { tandai("Tersalin"); },
        function () { tandai("Salin manual"); }
      );
    } else if (lengkap) {
      // No clipboard API over plain http: select the value so that Ctrl+C / long-press copies it.
      var rentang = document.createRange();
      rentang.selectNodeContents(lengkap);
      var pilihan = window.getSelection();
      pilihan.removeAllRanges();
      pilihan.addRange(rentang);
      tandai("Terpilih, salin dengan Ctrl+C");
    }
  });

  document.addEventListener("DOMContentLoaded", putaran);
}());
