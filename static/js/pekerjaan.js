// The one progress poller of background jobs (imp_smart/jobs.py): every element with
// data-pekerjaan="<url of /pekerjaan/<pk>/status/>" that is not finished (data-selesai="1")
// is asked every 1.5 s. Inside it, .status-pekerjaan gets the badge or the progress bar
// (the markup of templates/pekerjaan/_progres.html), .unduh the download button and
// .sha-wadah the file's SHA-256 once done. With data-muat-ulang the page reloads instead when
// the job ends (its result is more than a file: the import's errors).
// Also copies a SHA-256 (data-salin). Plain JS, nothing inline (CSP): elements are built with
// the DOM, widths set via .style.
(function () {
  "use strict";

  function el(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) { e.className = kelas; }
    if (teks) { e.textContent = teks; }
    return e;
  }

  function bar(data) {
    var wadah = document.createDocumentFragment();
    var persen = Math.max(0, Math.min(100, Number(data.persen) || 0));
    var luar = el("div", "progress");
    luar.setAttribute("role", "progressbar");
    luar.setAttribute("aria-label", "Kemajuan pekerjaan");
    luar.setAttribute("aria-valuenow", String(persen));
    luar.setAttribute("aria-valuemin", "0");
    luar.setAttribute("aria-valuemax", "100");
    var kelas = "progress-bar" + (data.bergerak ? " progress-bar-striped progress-bar-animated" : "");
    var dalam = el("div", kelas, persen + "%");
    dalam.style.width = persen + "%";
    luar.appendChild(dalam);
    wadah.appendChild(luar);
    wadah.appendChild(el("span", "small text-muted tahap", data.keterangan));
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
    if (!wadah) { return; }
    while (wadah.firstChild) { wadah.removeChild(wadah.firstChild); }
    if (isi) { wadah.appendChild(isi); }
  }

  function tampilkan(kotak, data) {
    var sel = kotak.querySelector(".status-pekerjaan");
    if (!data.selesai) { ganti(sel, bar(data)); return; }
    kotak.dataset.selesai = "1";
    if (kotak.hasAttribute("data-muat-ulang")) { window.location.reload(); return; }
    if (data.status === "SELESAI") {
      ganti(sel, el("span", "badge text-bg-success", "Selesai"));
      if (data.sha256) { ganti(kotak.querySelector(".sha-wadah"), sha(data.sha256)); }
      if (data.unduh) {
        var unduh = el("a", "btn btn-sm btn-success", " Unduh");
        unduh.href = data.unduh;
        unduh.insertBefore(el("i", "bi bi-download"), unduh.firstChild);
        ganti(kotak.querySelector(".unduh"), unduh);
      }
    } else {
      ganti(sel, el("span", "badge text-bg-danger", "Gagal"));
      sel.appendChild(document.createTextNode(" " + (data.pesan_galat || "")));
    }
  }

  function tanya(kotak) {
    return fetch(kotak.dataset.pekerjaan, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) { tampilkan(kotak, data); })
      .catch(function () { /* try again on the next round */ });
  }

  function putaran() {
    var menunggu = document.querySelectorAll("[data-pekerjaan]:not([data-selesai='1'])");
    if (!menunggu.length) { return; }
    Promise.all(Array.prototype.map.call(menunggu, tanya)).then(function () {
      window.setTimeout(putaran, 1500);
    });
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

  function mulai() { window.setTimeout(putaran, 1000); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
}());
