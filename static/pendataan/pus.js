// Monthly PUS page: mark changed rows; on submit post only the changed rows (weak connections).
// Changed rows are also kept in the phone (localStorage) until the server shows them saved: when
// the signal drops during "Simpan", the cadre reopens the page later and restores them. A cadre
// with the installed app (static/pwa/pwa.js) has a post made with no signal kept in the phone's
// queue and sent later: its rows are not offered again here.
// Each row's data-a is the state the server stored ("status|jalur|pb"); the phone's copy is
// compared with it, never with what was typed. Jalur and PB exist only for a method (DOMAIN §5):
// their inputs are disabled (and emptied) for HAMIL/IAS/IAT/TIAL, as the server refuses them.
(function () {
  var form = document.getElementById("form-pus");
  if (!form) return;
  var kunci = "imp-pus:" + form.elements.wilayah.value + ":" + form.elements.bulan.value;
  var draf = document.getElementById("draf-pus");
  var metode = (form.dataset.metode || "").split(" ");
  function bagian(r) {
    var s = r.querySelectorAll("select");
    return { s: s[0], j: s[1], b: r.querySelector("input[type=checkbox]") };
  }
  // "IAS|PEMERINTAH|1" → "IAS||": what the server would store for it.
  function rapikan(v) {
    var p = (v || "").split("|");
    return metode.indexOf(p[0]) >= 0 ? p[0] + "|" + (p[1] || "") + "|" + (p[2] || "") : p[0] + "||";
  }
  function nilai(r) {
    var i = bagian(r);
    return rapikan(i.s.value + "|" + i.j.value + "|" + (i.b.checked ? "1" : ""));
  }
  function atur(r) {
    var i = bagian(r);
    if (i.s.disabled) return; // read-only page (no right to change)
    var cara = metode.indexOf(i.s.value) >= 0;
    if (!cara) { i.j.value = ""; i.b.checked = false; }
    i.j.disabled = !cara;
    i.b.disabled = !cara;
    r.classList.toggle("ubah", nilai(r) !== rapikan(r.dataset.a));
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
      isi[bagian(r).s.name.slice(2)] = nilai(r);
    });
    tulis(isi);
  }
  form.querySelectorAll(".r").forEach(atur);
  form.addEventListener("change", function (e) {
    var r = e.target.closest(".r");
    if (r) atur(r);
    simpanDraf();
  });
  form.addEventListener("submit", function () {
    form.querySelectorAll(".r").forEach(function (r) {
      if (nilai(r) === rapikan(r.dataset.a) && !r.classList.contains("salah")) {
        r.querySelectorAll("select,input").forEach(function (i) { i.disabled = true; });
      }
    });
  });
  // A refused post: bring the first row in error into view and put the cursor on it.
  var salah = form.querySelector(".r.salah");
  if (salah) {
    var tampilkan = function () { salah.scrollIntoView({ block: "center" }); };
    tampilkan();
    bagian(salah).s.focus({ preventScroll: true });
    // Fonts and images still loading can move the row after this first scroll: once more at load.
    if (document.readyState !== "complete") window.addEventListener("load", tampilkan, { once: true });
  }
  // On load: what the server now shows is saved; what still differs was never received.
  // Rows a refused post shows already hold the copy: kept, but not offered again.
  var tertunda = {}, tawar = {};
  Object.entries(baca()).forEach(function (e) {
    var aid = e[0], s = form.querySelector("select[name=s_" + aid + "]"), v = rapikan(e[1]);
    if (!s || v === rapikan(s.closest(".r").dataset.a)) return;
    tertunda[aid] = v;
    if (v !== nilai(s.closest(".r"))) tawar[aid] = v;
  });
  tulis(tertunda);
  if (!draf) return;
  // Rows whose change already waits in the phone's queue (saved with no signal, pwa.js) are sent
  // from there: not offered again here.
  if (window.IMP_PWA && window.IMP_PWA.diAntrian) {
    window.IMP_PWA.diAntrian(window.location.pathname).then(function (isi) {
      Object.keys(tawar).forEach(function (aid) { if (("s_" + aid) in isi) delete tawar[aid]; });
      tawarkan();
    }, tawarkan);
  } else {
    tawarkan();
  }
  function tawarkan() {
    var n = Object.keys(tawar).length;
    if (!n) return;
    draf.querySelector("[data-n]").textContent = n;
    draf.hidden = false;
    draf.querySelector("[data-pulihkan]").addEventListener("click", function () {
      Object.entries(tawar).forEach(function (e) {
        var r = baris(e[0]), v = e[1].split("|"), i = bagian(r);
        i.s.value = v[0];
        atur(r);
        if (!i.j.disabled) { i.j.value = v[1]; i.b.checked = v[2] === "1"; }
        atur(r);
      });
      simpanDraf();
      draf.hidden = true;
    });
    draf.querySelector("[data-buang]").addEventListener("click", function () {
      tulis({});
      draf.hidden = true;
    });
  }
})();
