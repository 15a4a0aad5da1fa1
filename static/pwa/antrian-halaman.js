/* The list of data kept on this phone (templates/pwa/antrian.html, issue 13): waiting,
   refused (with the server's messages and a link to correct it) and recently sent items of the
   phone's user; view, correct, delete, "Kirim sekarang". Every text goes in with textContent. */
(function () {
  "use strict";
  var Q = window.IMPAntrian, wadah = document.getElementById("antrian");
  if (!Q || !wadah) return;
  var pengguna = window.IMP_PWA ? window.IMP_PWA.pengguna : null;
  var lanjutan = JSON.parse(wadah.dataset.lanjutan || "{}");
  var baru = new URLSearchParams(window.location.search).get("baru");

  function el(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) e.className = kelas;
    if (teks !== undefined) e.textContent = teks;
    return e;
  }
  function tautan(href, kelas, teks) {
    var a = el("a", kelas, teks);
    a.href = href;
    return a;
  }
  function denganParam(alamat, nama, nilai) {
    var u = new URL(alamat, window.location.href);
    u.searchParams.set(nama, nilai);
    return u.pathname + u.search;
  }
  function waktu(ms) {
    return new Date(ms).toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" });
  }
  function halamanLanjutan(item) {
    if (!item.url) return null;
    var path = new URL(item.url, window.location.href).pathname;
    var kunci = Object.keys(lanjutan).filter(function (p) { return new RegExp(p).test(path); })[0];
    return kunci ? lanjutan[kunci] : null;
  }

  var LABEL = {
    menunggu: ["Menunggu dikirim", "text-bg-warning"],
    ditolak: ["Ditolak server", "text-bg-danger"],
    terkirim: ["Terkirim", "text-bg-success"]
  };

  function kartu(item, anak) {
    var k = el("article", "card mb-2" + (item.status === "ditolak" ? " border-danger" : ""));
    k.dataset.kiriman = item.id;
    k.dataset.status = item.status;
    var b = el("div", "card-body py-2");
    k.appendChild(b);
    var kepala = el("div", "d-flex justify-content-between gap-2");
    kepala.appendChild(el("h2", "h6 mb-1", item.judul || "Data"));
    kepala.appendChild(el("span", "badge align-self-start " + LABEL[item.status][1], LABEL[item.status][0]));
    b.appendChild(kepala);
    if (item.ringkas && item.ringkas.length) {
      b.appendChild(el("p", "small mb-1", item.ringkas[0][0] + ": " + item.ringkas[0][1]));
    }
    b.appendChild(el("p", "small text-muted mb-1", "Dicatat " + waktu(item.dibuat) +
      (item.dikirim ? " · terkirim " + waktu(item.dikirim) : "")));
    if (item.induk && !item.url) {
      b.appendChild(el("p", "small mb-1", "Dikirim sesudah pertemuannya terkirim."));
    }
    if (item.catatan) b.appendChild(el("p", "small text-warning-emphasis mb-1", item.catatan));
    if (item.pesan && item.pesan.length) {
      var daftar = el("ul", "small mb-1 " + (item.status === "ditolak" ? "text-danger" : "text-success"));
      daftar.setAttribute("data-pesan", "");
      item.pesan.forEach(function (p) { daftar.appendChild(el("li", "", p)); });
      b.appendChild(daftar);
    }
    if (item.ringkas && item.ringkas.length) {
      var rinci = el("details", "small mb-1");
      rinci.appendChild(el("summary", "", "Lihat isi"));
      var dl = el("dl", "row mb-0");
      item.ringkas.forEach(function (p) {
        dl.appendChild(el("dt", "col-5 fw-normal text-muted", p[0]));
        dl.appendChild(el("dd", "col-7 mb-0", p[1]));
      });
      rinci.appendChild(dl);
      b.appendChild(rinci);
    }
    var aksi = el("div", "d-flex flex-wrap gap-2 mt-1");
    if (item.status === "terkirim") {
      if (item.lokasi) aksi.appendChild(tautan(item.lokasi, "btn btn-sm btn-outline-success", "Buka hasilnya"));
    } else {
      aksi.appendChild(tautan(denganParam(item.halaman || item.url, "imp_ubah", item.id),
        "btn btn-sm " + (item.status === "ditolak" ? "btn-danger" : "btn-outline-secondary"),
        item.status === "ditolak" ? "Perbaiki" : "Ubah"));
      var hapus = el("button", "btn btn-sm btn-outline-danger", "Hapus");
      hapus.type = "button";
      hapus.dataset.hapus = item.id;
      aksi.appendChild(hapus);
    }
    var ikut = halamanLanjutan(item);
    if (ikut && !anak) {
      aksi.appendChild(tautan(denganParam(ikut, "imp_induk", item.id), "btn btn-sm btn-imp",
        wadah.dataset.lanjutanLabel || "Lanjutkan"));
    }
    b.appendChild(aksi);
    return k;
  }

  function tampilkan() {
    if (!pengguna) {
      wadah.replaceChildren(el("p", "text-muted", "Belum ada data di ponsel ini."));
      return Promise.resolve();
    }
    return Q.milik(pengguna).then(function (items) {
      var anak = {};
      var itemBaru = items.filter(function (i) { return i.id === baru; })[0];
      document.getElementById("antrian-baru").hidden = !itemBaru || itemBaru.status !== "menunggu";
      items.forEach(function (i) { if (i.induk) anak[i.induk] = true; });
      var isi = [];
      [["menunggu", "Menunggu dikirim"], ["ditolak", "Ditolak — perlu diperbaiki"], ["terkirim", "Terkirim"]]
        .forEach(function (g) {
          var kelompok = items.filter(function (i) { return i.status === g[0]; });
          if (g[0] === "terkirim") kelompok.reverse();
          if (!kelompok.length) return;
          var bagian = el("section", "mb-3");
          bagian.dataset.kelompok = g[0];
          bagian.appendChild(el("h2", "h6 text-muted", g[1] + " (" + kelompok.length + ")"));
          kelompok.forEach(function (i) { bagian.appendChild(kartu(i, anak[i.id])); });
          isi.push(bagian);
        });
      if (!isi.length) isi.push(el("p", "text-muted", "Tidak ada data yang menunggu di ponsel ini."));
      wadah.replaceChildren.apply(wadah, isi);
    });
  }

  wadah.addEventListener("click", function (e) {
    var b = e.target.closest("[data-hapus]");
    if (!b) return;
    if (!window.confirm("Hapus data ini dari ponsel? Data ini belum terkirim.")) return;
    Q.hapus(b.dataset.hapus).then(tampilkan);
  });

  var hasil = document.getElementById("antrian-hasil");
  function lapor(h) {
    var teks, jenis = "alert-info";
    if (h.jaringan === false) { teks = "Belum ada sinyal. Data tetap di ponsel dan dikirim saat ada sinyal."; jenis = "alert-secondary"; }
    else if (h.masuk) { teks = "Sesi Anda berakhir: masuk lagi, lalu data dikirim."; jenis = "alert-warning"; }
    else if (h.galat) { teks = h.galat; jenis = "alert-warning"; }
    else if (h.ditolak) { teks = h.terkirim + " terkirim, " + h.ditolak + " ditolak server — lihat pesannya di bawah."; jenis = "alert-danger"; }
    else if (h.terkirim) { teks = h.terkirim + " data terkirim."; jenis = "alert-success"; }
    else return;
    hasil.className = "alert " + jenis;
    hasil.textContent = teks;
    hasil.hidden = false;
    if (h.masuk) {
      hasil.appendChild(document.createTextNode(" "));
      hasil.appendChild(tautan("/akun/masuk/?next=/offline/antrian/", "alert-link", "Masuk"));
    }
  }
  document.getElementById("kirim-sekarang").addEventListener("click", function () {
    var kirim = window.IMP_PWA ? window.IMP_PWA.kirim : null;
    if (!kirim) return;
    kirim().then(function (h) { lapor(h); return tampilkan(); });
  });

  window.addEventListener("imp-antrian", tampilkan);
  if (Q.saluran) Q.saluran.addEventListener("message", tampilkan);
  tampilkan();
})();
