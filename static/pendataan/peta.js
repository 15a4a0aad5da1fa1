// Families with a GPS point as coloured circles; the radio buttons filter by category.
(function () {
  var el = document.getElementById("peta");
  if (!el || !window.L) return;
  var warna = JSON.parse(el.dataset.warna);
  var peta = L.map(el).setView([-5.31, 119.6], 10);
  if (el.dataset.tile) L.tileLayer(el.dataset.tile, { maxZoom: 19 }).addTo(peta);
  var lapis = L.layerGroup().addTo(peta);
  function muat(kategori) {
    fetch(el.dataset.url + "&kategori=" + encodeURIComponent(kategori || ""), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        lapis.clearLayers();
        var batas = [];
        d.titik.forEach(function (t) {
          var m = L.circleMarker([t[0], t[1]], { radius: 5, color: warna[t[2]], fillOpacity: 0.8, weight: 1 });
          m.bindPopup('<a href="/pendataan/keluarga/' + t[4] + '/">' + t[3].replace(/</g, "&lt;") + "</a>");
          m.addTo(lapis); batas.push([t[0], t[1]]);
        });
        if (batas.length) peta.fitBounds(batas, { maxZoom: 16 });
        document.getElementById("peta-info").textContent = d.pesan || (d.titik.length + " keluarga ditampilkan.");
      });
  }
  document.querySelectorAll("input[name=kategori]").forEach(function (r) {
    r.addEventListener("change", function () { muat(r.value); });
  });
  muat("");
})();
