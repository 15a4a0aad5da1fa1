// Poll an import's progress every 2 s (rows checked, then saving); reload when finished.
(function () {
  var el = document.getElementById("impor");
  if (!el || el.dataset.berjalan !== "1") return;  // the first width: data-lebar (static/js/imp.js)
  function tanya() {
    fetch(el.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        document.getElementById("impor-status").textContent = d.status_label;
        var bar = document.getElementById("impor-bar");
        bar.style.width = d.persen + "%"; bar.textContent = d.persen + "%";
        // Saving is one transaction with no count of its own: a moving bar says it works.
        bar.classList.toggle("progress-bar-striped", d.menyimpan);
        bar.classList.toggle("progress-bar-animated", d.menyimpan);
        document.getElementById("impor-baris").textContent = d.keterangan;
        if (d.selesai) window.location.reload(); else setTimeout(tanya, 2000);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  setTimeout(tanya, 1000);
})();
