// Poll an import's progress every 2 s; reload the page when it is finished.
(function () {
  var el = document.getElementById("impor");
  if (!el || el.dataset.berjalan !== "1") return;
  function tanya() {
    fetch(el.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        document.getElementById("impor-status").textContent = d.status_label;
        var bar = document.getElementById("impor-bar");
        bar.style.width = d.persen + "%"; bar.textContent = d.persen + "%";
        document.getElementById("impor-baris").textContent = d.baris_diproses + " / " + d.jumlah_baris + " baris diperiksa";
        if (d.selesai) window.location.reload(); else setTimeout(tanya, 2000);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  setTimeout(tanya, 1000);
})();
