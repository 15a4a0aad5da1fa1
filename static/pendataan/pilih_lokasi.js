// Pick a family's GPS point on a Leaflet map (works without tiles: click on the blank map).
(function () {
  var el = document.getElementById("peta-pilih");
  if (!el || !window.L) return;
  var lat = document.getElementById("id_lintang"), lng = document.getElementById("id_bujur");
  var awal = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : [-5.31, 119.6];
  var peta = L.map(el).setView(awal, lat.value ? 15 : 10);
  if (el.dataset.tile) L.tileLayer(el.dataset.tile, { maxZoom: 19 }).addTo(peta);
  var titik = lat.value ? L.circleMarker(awal, { radius: 7 }).addTo(peta) : null;
  peta.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lng.value = e.latlng.lng.toFixed(6);
    if (titik) titik.setLatLng(e.latlng); else titik = L.circleMarker(e.latlng, { radius: 7 }).addTo(peta);
  });
})();
