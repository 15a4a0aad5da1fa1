// Monthly PUS page: mark changed rows; on submit post only the changed rows (weak connections).
// Changed rows are also kept in the phone (localStorage) until the server shows them saved: when
// the signal drops during "Simpan", the cadre reopens the page later and restores them.
(function () {
  var form = document.getElementById("form-pus");
  if (!form) return;
  var kunci = "imp-pus:" + form.elements.wilayah.value + ":" + form.elements.bulan.value;
  var draf = document.getElementById("draf-pus");
  function nilai(r) {
    var s = r.querySelectorAll("select"), b = r.querySelector("input[type=checkbox]");
    return s[0].value + "|" + s[1].value + "|" + (b.checked ? "1" : "");
  }
  function baris(aid) { return form.querySelector("select[name=s_" + aid + "]").closest(".r"); }
  function baca() {
    try { return JSON.parse(window.localStorage.getItem(kunci)) || {}; } catch (e) { return {}; }
  }
  function tulis(isi) {
    try {
      if (Object.keys(isi).length) window.localStorage.setItem(kunci, JSON.stringify(isi));
      else window.localStorage.removeItem(kunci);
    } catch (e) { /* private mode or full: the page still works, without the safety copy */ }
  }
  function simpanDraf() {
    var isi = {};
    form.querySelectorAll(".r.ubah").forEach(function (r) {
      isi[r.querySelector("select").name.slice(2)] = nilai(r);
    });
    tulis(isi);
  }
  form.addEventListener("change", function (e) {
    var r = e.target.closest(".r");
    if (r) r.classList.toggle("ubah", nilai(r) !== r.dataset.a);
    simpanDraf();
  });
  form.addEventListener("submit", function () {
    form.querySelectorAll(".r").forEach(function (r) {
      if (nilai(r) === r.dataset.a && !r.classList.contains("salah")) {
        r.querySelectorAll("select,input").forEach(function (i) { i.disabled = true; });
      }
    });
  });
  // On load: what the server now shows is saved; what still differs was never received.
  var tertunda = {};
  Object.entries(baca()).forEach(function (e) {
    var aid = e[0], r = form.querySelector("select[name=s_" + aid + "]");
    if (r && e[1] !== r.closest(".r").dataset.a) tertunda[aid] = e[1];
  });
  tulis(tertunda);
  var n = Object.keys(tertunda).length;
  if (!n || !draf) return;
  draf.querySelector("[data-n]").textContent = n;
  draf.hidden = false;
  draf.querySelector("[data-pulihkan]").addEventListener("click", function () {
    Object.entries(tertunda).forEach(function (e) {
      var r = baris(e[0]), v = e[1].split("|"), s = r.querySelectorAll("select");
      s[0].value = v[0]; s[1].value = v[1];
      r.querySelector("input[type=checkbox]").checked = v[2] === "1";
      r.classList.toggle("ubah", nilai(r) !== r.dataset.a);
    });
    draf.hidden = true;
  });
  draf.querySelector("[data-buang]").addEventListener("click", function () {
    tulis({});
    draf.hidden = true;
  });
})();
