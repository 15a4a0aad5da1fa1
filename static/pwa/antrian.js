/* The phone's queue of forms saved with no signal (issue 13), shared by the pages (pwa.js,
   antrian-halaman.js) and the service worker (sw-inti.js). IndexedDB through idb
   (static/vendor/idb). One item:
     id        the submission id (UUID), posted as _imp_kiriman and X-IMP-Kiriman: the server
               processes one id once (imp_smart/offline_sekali.py)
     pengguna  who filled it in (user pk): only that user's session sends it
     url       where it is posted (null for a follow-up whose parent is not sent yet)
     induk     the parent item of a follow-up (attendance of a meeting saved on the phone):
               sent to the page the parent's answer led to
     halaman   the page the form was filled on (to correct it); judul, ringkas [[label, value]]
     body      the form, urlencoded (its CSRF token is replaced by a fresh one at send time)
     status    "menunggu" | "ditolak" (pesan: the server's messages) | "terkirim" (lokasi)
   Sending goes in the order of filling; a refused item stays, marked, and the next one goes. */
(function (g) {
  "use strict";
  var DB = "imp-offline", STORE = "kiriman", SIMPAN_TERKIRIM = 20;
  var dbp = null, sedang = null;
  var saluran = typeof BroadcastChannel === "function" ? new BroadcastChannel("imp-antrian") : null;

  function buka() {
    if (!dbp) {
      dbp = g.idb.openDB(DB, 1, {
        upgrade: function (db) {
          db.createObjectStore(STORE, { keyPath: "id" }).createIndex("dibuat", "dibuat");
        }
      });
    }
    return dbp;
  }
  function beritahu() {
    if (saluran) saluran.postMessage({ jenis: "berubah" });
    if (g.dispatchEvent && typeof CustomEvent === "function") {
      g.dispatchEvent(new CustomEvent("imp-antrian"));
    }
  }
  function semua() {
    return buka().then(function (db) { return db.getAllFromIndex(STORE, "dibuat"); });
  }
  function milik(pengguna) {
    return semua().then(function (items) {
      return items.filter(function (i) { return String(i.pengguna) === String(pengguna); });
    });
  }
  function ambil(id) {
    return buka().then(function (db) { return db.get(STORE, id); });
  }
  function simpan(item) {
    return buka().then(function (db) { return db.put(STORE, item); }).then(function (x) {
      beritahu();
      return x;
    });
  }
  function hapus(id) {
    return buka().then(function (db) { return db.delete(STORE, id); }).then(beritahu);
  }
  function hapusPengguna(pengguna) {
    return milik(pengguna).then(function (items) {
      return buka().then(function (db) {
        var tx = db.transaction(STORE, "readwrite");
        items.forEach(function (i) { tx.store.delete(i.id); });
        return tx.done;
      });
    }).then(beritahu);
  }
  function uuid() {
    if (g.crypto && g.crypto.randomUUID) return g.crypto.randomUUID();
    var b = g.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
    return [h.slice(0, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10)]
      .map(function (p) { return p.join(""); }).join("-");
  }
  function menunggu(items) {
    return items.filter(function (i) { return i.status !== "terkirim"; });
  }
  function jalur(lokasi) {
    var u = new URL(lokasi, g.location.href);
    return u.pathname + u.search;
  }

  // Keep the last sent items (shown as "Terkirim"), forget older ones.
  function rapikan(pengguna) {
    return milik(pengguna).then(function (items) {
      var terkirim = items.filter(function (i) { return i.status === "terkirim"; });
      terkirim.sort(function (a, b) { return (b.dikirim || 0) - (a.dikirim || 0); });
      return Promise.all(terkirim.slice(SIMPAN_TERKIRIM).map(function (i) { return hapus(i.id); }));
    });
  }

  function kirimSatu(item, token) {
    var body = new URLSearchParams(item.body);
    body.set("csrfmiddlewaretoken", token);
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-IMP-Kiriman": item.id, "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        return { status: r.status, data: data };
      });
    });
  }

  async function kirimUrut(setelan) {
    var hasil = { terkirim: 0, ditolak: 0, sisa: 0 };
    var r;
    try {
      r = await fetch(setelan.token, { credentials: "same-origin", cache: "no-store" });
    } catch (e) {
      hasil.jaringan = false;
      return hasil;
    }
    if (r.status === 401) { hasil.masuk = true; return hasil; }
    if (!r.ok) { hasil.galat = "Server belum dapat dihubungi (kode " + r.status + ")."; return hasil; }
    var sesi = await r.json();
    var items = (await milik(sesi.pengguna)).filter(function (i) { return i.status === "menunggu"; });
    for (var n = 0; n < items.length; n++) {
      var item = await ambil(items[n].id);
      if (!item || item.status !== "menunggu") continue;
      if (!item.url) {
        var induk = item.induk ? await ambil(item.induk) : null;
        if (!induk || induk.status !== "terkirim" || !induk.lokasi) { hasil.sisa++; continue; }
        item.url = jalur(induk.lokasi);
      }
      var jawab;
      try {
        jawab = await kirimSatu(item, sesi.token);
        if (jawab.status === 403 && jawab.data && jawab.data.csrf && jawab.data.token) {
          // The token went stale between the fetch and the send (a login in another tab):
          // nothing was saved; once more with the fresh token the server sent back.
          sesi.token = jawab.data.token;
          jawab = await kirimSatu(item, sesi.token);
        }
      } catch (e) {
        hasil.jaringan = false;
        break;
      }
      var d = jawab.data || {};
      if (d.ok) {
        item.status = "terkirim";
        item.lokasi = d.lokasi || "";
        item.pesan = d.pesan || [];
        item.dikirim = Date.now();
        hasil.terkirim++;
      } else if (jawab.status === 401 || d.masuk) {
        hasil.masuk = true;
        break;
      } else if (jawab.status >= 500 || jawab.status === 0 || (jawab.status === 409 && d.ulang)
                 || (jawab.status === 403 && d.csrf)) {
        item.catatan = "Belum diterima server (kode " + jawab.status + "); dicoba lagi nanti.";
        await simpan(item);
        hasil.galat = item.catatan;
        break;
      } else {
        item.status = "ditolak";
        item.pesan = d.pesan && d.pesan.length ? d.pesan
          : ["Ditolak server (kode " + jawab.status + ")."];
        hasil.ditolak++;
      }
      item.catatan = "";
      await simpan(item);
    }
    await rapikan(sesi.pengguna);
    return hasil;
  }

  // One send at a time in this page or worker (a second call gets the running one).
  function kirimSemua(setelan) {
    if (!sedang) {
      sedang = kirimUrut(setelan).finally(function () { sedang = null; });
    }
    return sedang;
  }

  g.IMPAntrian = {
    buka: buka, semua: semua, milik: milik, ambil: ambil, simpan: simpan, hapus: hapus,
    hapusPengguna: hapusPengguna, uuid: uuid, menunggu: menunggu, kirimSemua: kirimSemua,
    saluran: saluran
  };
})(self);
