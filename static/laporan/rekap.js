// Polls the status of recap files that are still queued or rendering, and shows the download
// link when ready (no manual reload). Plain JS, no dependencies.
(function () {
  "use strict";
  function bar(data) {
    var teks = data.label + (data.tahap ? " · " + data.tahap : "");
    if (data.antrian_gagal) { teks += " · antrean tidak terjangkau, akan dicoba lagi otomatis"; }
    return '<div class="progress" role="progressbar" aria-valuenow="' + data.progres +
      '" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar progress-bar-striped ' +
      'progress-bar-animated" style="width:' + data.progres + '%">' + data.progres + '%</div></div>' +
      '<span class="small text-muted tahap"></span>';
  }
  function perbarui(baris) {
    fetch(baris.dataset.statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var sel = baris.querySelector(".status-berkas");
        if (data.status === "SELESAI") {
          sel.innerHTML = '<span class="badge text-bg-success">Selesai</span>';
          baris.querySelector(".sha").textContent = data.sha256;
          baris.querySelector(".unduh").innerHTML = '<a class="btn btn-sm btn-success" href="' +
            data.unduh + '"><i class="bi bi-download"></i> Unduh</a>';
          baris.dataset.selesai = "1";
        } else if (data.status === "GAGAL") {
          sel.innerHTML = '<span class="badge text-bg-danger">Gagal</span>';
          sel.appendChild(document.createTextNode(" " + data.pesan_galat));
          baris.dataset.selesai = "1";
        } else {
          sel.innerHTML = bar(data);
          sel.querySelector(".tahap").textContent = data.label + (data.tahap ? " · " + data.tahap : "") +
            (data.antrian_gagal ? " · antrean tidak terjangkau, akan dicoba lagi otomatis" : "");
        }
      })
      .catch(function () { /* try again on the next tick */ });
  }
  function putaran() {
    var menunggu = document.querySelectorAll("tr[data-berkas]:not([data-selesai='1'])");
    menunggu.forEach(perbarui);
    if (menunggu.length) { window.setTimeout(putaran, 1500); }
  }
  document.addEventListener("DOMContentLoaded", putaran);
}());
