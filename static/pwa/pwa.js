/* The installable app on every page (issue 13). base.html declares, for a user who works
   offline (cadre roles), <meta name="imp-pwa" data-pengguna data-pola data-lanjutan data-token>;
   the two offline pages (templates/pwa/) have none and use the last user of this phone.
   - registers the service worker (/sw.js) and offers "Versi baru tersedia — muat ulang";
   - "Pasang aplikasi" once on the home page (beforeinstallprompt; #pwa-pasang);
   - a POST form of a working page gets a submission id (_imp_kiriman), the user, a title and a
     summary; with no signal it is kept on the phone (here, or by the service worker when the
     network fails mid-way) and the list says "Tersimpan di ponsel ...";
   - ?imp_ubah=<id> opens a kept item in its form to correct it; ?imp_induk=<id> a follow-up
     (attendance of a meeting kept on the phone);
   - the count of waiting items in the navbar; sending on load, when the signal returns, or
     from the list ("Kirim sekarang");
   - logging out empties this user's items, kept pages and PUS drafts on the phone. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="imp-pwa"]');
  var CACHE = "imp-halaman";
  var SETELAN = { token: "/offline/token/" };
  var pengguna = meta ? meta.dataset.pengguna : ambilLokal("imp-pengguna");
  var pola = meta ? JSON.parse(meta.dataset.pola || "[]").map(function (p) { return new RegExp(p); }) : [];
  var lanjutan = meta ? JSON.parse(meta.dataset.lanjutan || "{}") : {};
  if (meta && meta.dataset.token) SETELAN.token = meta.dataset.token;
  // A signed-in user who does not work offline (shared phone): the pages another user kept
  // leave the phone, and no queue is shown or sent here.
  var lain = document.querySelector('meta[name="imp-pengguna"]');
  if (lain) {
    if (ambilLokal("imp-pengguna") !== lain.content && window.caches) caches.delete(CACHE);
    taruhLokal("imp-pengguna", lain.content);
    pengguna = null;
  }
  var Q = null;

  function ambilLokal(k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } }
  function taruhLokal(k, v) {
    try { if (v === null) window.localStorage.removeItem(k); else window.localStorage.setItem(k, v); } catch (e) { /* private mode */ }
  }
  function param(nama) { return new URLSearchParams(window.location.search).get(nama); }

  // --- service worker, new version, install offer ------------------------------------------
  if ("serviceWorker" in navigator) {
    var mintaUlang = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (mintaUlang) window.location.reload();
    });
    // After the page's own load: on a slow line the app shell must not compete with the page.
    var daftar = function () { return navigator.serviceWorker.register("/sw.js", { scope: "/" }); };
    var terdaftar = document.readyState === "complete" ? daftar() : new Promise(function (ok) {
      window.addEventListener("load", function () { ok(daftar()); }, { once: true });
    });
    terdaftar.then(function (reg) {
      var versi = document.getElementById("pwa-versi");
      function tawarkan() {
        if (!versi || !reg.waiting || !navigator.serviceWorker.controller) return;
        versi.hidden = false;
      }
      tawarkan();
      reg.addEventListener("updatefound", function () {
        var baru = reg.installing;
        if (baru) baru.addEventListener("statechange", function () { if (baru.state === "installed") tawarkan(); });
      });
      if (versi) {
        versi.querySelector("button").addEventListener("click", function () {
          mintaUlang = true;
          if (reg.waiting) reg.waiting.postMessage({ jenis: "perbarui" });
          else window.location.reload();
        });
      }
    }).catch(function () { /* no service worker: the site works online as before */ });
  }
  var pasang = document.getElementById("pwa-pasang"), tawaranPasang = null;
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    tawaranPasang = e;
    if (pasang && !ambilLokal("imp-pasang-ditawarkan")) pasang.hidden = false;
  });
  if (pasang) {
    pasang.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      taruhLokal("imp-pasang-ditawarkan", "1");
      pasang.hidden = true;
      if (b.hasAttribute("data-pwa-pasang") && tawaranPasang) tawaranPasang.prompt();
    });
  }

  // A field that takes its value from the address (<select data-pwa-param="anggota">): the
  // generic form the phone shows with no signal for /konseling/tambah/?anggota=<id>.
  document.querySelectorAll("select[data-pwa-param]").forEach(function (el) {
    var nilai = (param(el.dataset.pwaParam) || "").replace(/\D/g, "");
    if (!el.value && nilai && el.querySelector('option[value="' + nilai + '"]')) {
      el.value = nilai;
    }
  });

  // The full list kept on the phone, shown with no signal for a search (?q=): only the matching
  // names (<div data-pwa-saring="q"> of <a data-nama>).
  document.querySelectorAll("[data-pwa-saring]").forEach(function (daftar) {
    var cari = (param(daftar.dataset.pwaSaring) || "").trim().toLowerCase();
    if (!cari) return;
    var kotak = document.querySelector('input[name="' + daftar.dataset.pwaSaring + '"]');
    if (kotak) kotak.value = param(daftar.dataset.pwaSaring);
    var ada = 0;
    daftar.querySelectorAll("[data-nama]").forEach(function (el) {
      el.hidden = el.dataset.nama.toLowerCase().indexOf(cari) < 0;
      if (!el.hidden) ada += 1;
    });
    if (!ada) {
      var kosong = document.createElement("div");
      kosong.className = "list-group-item text-muted";
      kosong.textContent = "Tidak ditemukan PUS dengan nama itu di daftar ponsel.";
      daftar.appendChild(kosong);
    }
  });

  if (!pengguna) return;

  // The queue's scripts (idb, antrian.js) come after the page's load on a cadre's page (they are
  // not needed to show it); the two offline pages include them. IMP_PWA answers at once, its
  // work waits for them.
  var siapkan, siap = new Promise(function (ok) { siapkan = ok; });
  window.IMP_PWA = {
    pengguna: pengguna,
    siap: siap,
    kirim: function () { return siap.then(function (api) { return api._kirim(); }); },
    diAntrian: function (path) { return siap.then(function (api) { return api._diAntrian(path); }); }
  };
  function muatSkrip(daftar) {
    return daftar.reduce(function (p, src) {
      return p.then(function () {
        return new Promise(function (ok, gagal) {
          var s = document.createElement("script");
          s.src = src;
          s.onload = ok;
          s.onerror = gagal;
          document.body.appendChild(s);
        });
      });
    }, Promise.resolve());
  }
  if (window.IMPAntrian) {
    mulai();
  } else if (meta && meta.dataset.skrip) {
    var muat = function () {
      muatSkrip(meta.dataset.skrip.split(" ")).then(mulai, function () { /* online only */ });
    };
    if (document.readyState === "complete") muat();
    else window.addEventListener("load", muat, { once: true });
  }

  function mulai() {
    Q = window.IMPAntrian;

    // --- the user of this phone: another one's kept pages are dropped -------------------------
    if (meta) {
      if (ambilLokal("imp-pengguna") !== pengguna && window.caches) caches.delete(CACHE);
      taruhLokal("imp-pengguna", pengguna);
    }

    // --- count in the navbar, "no signal" notice -------------------------------------------------
    function hitung() {
      Q.milik(pengguna).then(function (items) {
        var n = Q.menunggu(items).length;
        document.querySelectorAll("[data-pwa-jumlah]").forEach(function (el) { el.textContent = n; });
        document.querySelectorAll("[data-pwa-ada]").forEach(function (el) { el.hidden = n === 0; });
      }).catch(function () { /* IndexedDB unavailable */ });
    }
    function sinyal() {
      document.querySelectorAll("[data-pwa-luring]").forEach(function (el) { el.hidden = navigator.onLine; });
    }
    hitung();
    sinyal();
    window.addEventListener("imp-antrian", hitung);
    if (Q.saluran) Q.saluran.addEventListener("message", hitung);

    function kirim() {
      if (!navigator.onLine) return Promise.resolve({ jaringan: false });
      return Q.kirimSemua(SETELAN).then(function (h) { hitung(); return h; });
    }
    window.addEventListener("online", function () { sinyal(); kirim(); });
    window.addEventListener("offline", sinyal);
    Q.milik(pengguna).then(function (items) {
      if (items.some(function (i) { return i.status === "menunggu"; })) kirim();
    }).catch(function () {});

    // --- pages loaded ahead, when online ----------------------------------------------------------
    if (meta && navigator.onLine && window.caches && "serviceWorker" in navigator) {
      navigator.serviceWorker.ready.then(function () {
        var terakhir = parseInt(ambilLokal("imp-siap") || "0", 10);
        if (Date.now() - terakhir < 3600 * 1000) return;
        fetch("/offline/siapkan/", { credentials: "same-origin" }).then(function (r) { return r.json(); })
          .then(function (d) {
            return caches.open(CACHE).then(function (c) {
              return Promise.all(d.halaman.map(function (u) {
                var alamat = new URL(u, window.location.href).href;
                return c.match(alamat, { ignoreVary: true }).then(function (ada) {
                  if (ada) return null;
                  return fetch(alamat, { credentials: "same-origin" }).then(function (r) {
                    if (r.ok && r.headers.get("X-IMP-Offline") === "simpan") return c.put(alamat, r);
                    return null;
                  });
                });
              }));
            });
          }).then(function () {
            taruhLokal("imp-siap", String(Date.now()));
          }).catch(function () { /* tried again at the next page */ });
      });
    }

    // --- forms ------------------------------------------------------------------------------------
    function halamanKerja(form) {
      var u = new URL(form.action || window.location.href, window.location.href);
      return u.origin === window.location.origin && pola.some(function (r) { return r.test(u.pathname); });
    }
    function tersembunyi(form, nama, nilai) {
      var el = form.querySelector('input[type=hidden][name="' + nama + '"]');
      if (!el) {
        el = document.createElement("input");
        el.type = "hidden";
        el.name = nama;
        form.appendChild(el);
      }
      el.value = nilai;
    }
    function teks(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }
    function labelDari(el) {
      if (el.labels && el.labels.length) return teks(el.labels[0]);
      return el.getAttribute("aria-label") || el.name;
    }
    // [[label, value]] of what was filled in, for the list on the phone.
    function ringkas(form) {
      var hasil = [];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.disabled || el.type === "hidden" || el.type === "submit" || el.name.indexOf("_imp_") === 0) return;
        if ((el.type === "checkbox" || el.type === "radio")) {
          if (!el.checked) return;
          var grup = el.closest("fieldset");
          var judul = grup && grup.querySelector("legend") ? teks(grup.querySelector("legend")) : "";
          hasil.push([judul || labelDari(el), judul ? labelDari(el) : "ya"]);
        } else if (el.tagName === "SELECT") {
          var pilih = Array.prototype.filter.call(el.options, function (o) { return o.selected && o.value; });
          if (pilih.length) hasil.push([labelDari(el), pilih.map(teks).join(", ")]);
        } else if (el.value) {
          hasil.push([labelDari(el), el.value.slice(0, 200)]);
        }
      });
      return hasil.slice(0, 60);
    }
    function judul() {
      var h = document.querySelector("main h1");
      return teks(h) || document.title.split("·")[0].trim();
    }
    function tandai(form, id) {
      tersembunyi(form, "_imp_kiriman", id);
      tersembunyi(form, "_imp_pengguna", pengguna);
      tersembunyi(form, "_imp_judul", judul());
      tersembunyi(form, "_imp_ringkas", JSON.stringify(ringkas(form)));
      // A page kept on the phone may hold an old token: the cookie's is the current one.
      var kuki = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]');
      if (kuki && csrf) csrf.value = decodeURIComponent(kuki[1]);
    }
    function simpanDiPonsel(form, item) {
      var body = new URLSearchParams(new FormData(form)).toString();
      var u = new URL(form.action || window.location.href, window.location.href);
      var data = Object.assign({
        pengguna: pengguna,
        url: bersihkanHalaman(u.href),
        induk: null,
        halaman: window.location.pathname + window.location.search,
        judul: judul(),
        dibuat: Date.now()
      }, item, { body: body, ringkas: ringkas(form), status: "menunggu", pesan: [], catatan: "" });
      return Q.simpan(data).then(function () {
        if (navigator.onLine) return kirim();
        // Background Sync where the browser has it: sent when the signal returns, page open or not.
        if ("serviceWorker" in navigator) {
          return navigator.serviceWorker.ready.then(function (reg) {
            return reg.sync ? reg.sync.register("imp-kirim") : null;
          }).catch(function () { /* sent at the next page load or with "Kirim sekarang" */ });
        }
        return null;
      }).then(function () {
        window.location.href = "/offline/antrian/?baru=" + encodeURIComponent(data.id);
      });
    }
    function bersihkanHalaman(u) {
      var x = new URL(u, window.location.href);
      x.searchParams.delete("imp_ubah");
      x.searchParams.delete("imp_induk");
      return x.pathname + x.search;
    }

    document.addEventListener("submit", function (e) {
      var form = e.target;
      if (e.defaultPrevented || (form.method || "").toLowerCase() !== "post") return;
      if (form.hasAttribute("data-keluar")) { keluar(e, form); return; }
      var ubah = param("imp_ubah"), induk = param("imp_induk");
      if (!ubah && !induk && !halamanKerja(form)) return;
      if (ubah) {
        e.preventDefault();
        Q.ambil(ubah).then(function (lama) {
          lama = lama || { id: ubah };
          tandai(form, lama.id);
          var item = {
            id: lama.id, dibuat: lama.dibuat || Date.now(), induk: lama.induk || null,
            halaman: bersihkanHalaman(window.location.href)
          };
          if (lama.induk) {
            item.url = lama.url || null; // a follow-up keeps its parent's address
            item.judul = lama.judul;
          }
          return simpanDiPonsel(form, item);
        });
        return;
      }
      var id = Q.uuid();
      tandai(form, id);
      if (induk) {
        // A follow-up is posted where its parent's answer led; unknown until the parent is sent.
        e.preventDefault();
        Q.ambil(induk).then(function (p) {
          var url = p && p.status === "terkirim" && p.lokasi ? new URL(p.lokasi, window.location.href).pathname : null;
          return simpanDiPonsel(form, {
            id: id, induk: induk, url: url, halaman: bersihkanHalaman(window.location.href),
            judul: judul() + (p ? " · " + p.judul : "")
          });
        });
        return;
      }
      if (!navigator.onLine) {
        e.preventDefault();
        simpanDiPonsel(form, { id: id });
      }
      // Online: posted as usual; if the network fails on the way, the service worker keeps it.
    });

    // --- ?imp_ubah=<id>: the kept item in its form ------------------------------------------------
    function isi(form, body) {
      var data = new URLSearchParams(body);
      var nama = {};
      data.forEach(function (v, k) { if (k.indexOf("_imp_") !== 0 && k !== "csrfmiddlewaretoken") nama[k] = true; });
      Object.keys(nama).forEach(function (k) {
        var nilai = data.getAll(k);
        var daftar = form.querySelectorAll('[name="' + CSS.escape(k) + '"]');
        daftar.forEach(function (el) {
          if (el.type === "checkbox" || el.type === "radio") el.checked = nilai.indexOf(el.value) >= 0;
          else if (el.tagName === "SELECT" && el.multiple) {
            Array.prototype.forEach.call(el.options, function (o) { o.selected = nilai.indexOf(o.value) >= 0; });
          } else if (el.type !== "file") el.value = nilai[0];
          el.dispatchEvent(new Event("change", { bubbles: true }));
        });
      });
      // Boxes of a checkbox group absent from the body were unticked.
      form.querySelectorAll("input[type=checkbox]").forEach(function (el) {
        if (!nama[el.name] && el.closest(".r") === null && !el.disabled && el.checked) {
          el.checked = false;
          el.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }
    var ubahId = param("imp_ubah");
    if (ubahId) {
      Q.ambil(ubahId).then(function (item) {
        if (!item) return;
        var forms = Array.prototype.filter.call(document.querySelectorAll("main form"), function (f) {
          return (f.method || "").toLowerCase() === "post";
        });
        if (!forms.length) return;
        isi(forms[0], item.body);
        var info = document.createElement("div");
        info.className = "alert alert-warning py-2 small";
        info.setAttribute("role", "status");
        info.textContent = "Memperbaiki data yang tersimpan di ponsel. Simpan untuk menggantinya.";
        forms[0].parentNode.insertBefore(info, forms[0]);
      });
    }

    // --- logging out: this user's data leaves the phone -----------------------------------------
    function bersihkan() {
      var kerja = [Q.hapusPengguna(pengguna)];
      if (window.caches) kerja.push(caches.delete(CACHE));
      try {
        Object.keys(window.localStorage).forEach(function (k) {
          if (k.indexOf("imp-pus:") === 0 || k === "imp-siap") window.localStorage.removeItem(k);
        });
      } catch (err) { /* private mode */ }
      return Promise.all(kerja);
    }
    function keluar(e, form) {
      if (form.dataset.bersih) return;
      e.preventDefault();
      Q.milik(pengguna).then(function (items) {
        var n = items.filter(function (i) { return i.status !== "terkirim"; }).length;
        if (n && !window.confirm(n + " data di ponsel ini belum terkirim dan akan dihapus. Tetap keluar?")) return;
        return bersihkan().then(function () {
          taruhLokal("imp-pengguna", null);
          form.dataset.bersih = "1";
          form.submit();
        });
      }).catch(function () { form.dataset.bersih = "1"; form.submit(); });
    }
    // {field name: value} of the items still waiting that were filled on this page (pus.js does not
    // offer to restore what already waits to be sent).
    function diAntrian(path) {
      return Q.milik(pengguna).then(function (items) {
        var isi = {};
        items.forEach(function (i) {
          if (i.status === "terkirim" || !i.url || new URL(i.url, window.location.href).pathname !== path) return;
          new URLSearchParams(i.body).forEach(function (v, k) { isi[k] = v; });
        });
        return isi;
      });
    }
    window.IMP_PWA._kirim = kirim;
    window.IMP_PWA._diAntrian = diAntrian;
    window.IMP_PWA.bersihkan = bersihkan;
    window.IMP_PWA.lanjutan = lanjutan;
    siapkan(window.IMP_PWA);
  }
})();
