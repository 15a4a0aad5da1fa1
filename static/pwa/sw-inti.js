/* The service worker of IMP Smart (issue 13), on Workbox (static/vendor/workbox). Loaded by
   /sw.js (imp_smart/offline.py), which sets self.IMP_SETELAN first:
     precache  the app shell: static files and the two offline pages, with revisions
     halaman   {URL pattern: "cepat" | "segar"} of the cadre's working pages
     cadangan  URL patterns of pages whose copy without the query string serves any address
               of theirs not on the phone (the generic counselling form for a picked woman)
     offline, antrian, token, field   addresses and the submission-id field name
   - The app shell comes from the precache; a new version waits until the page asks for it
     ("Versi baru tersedia — muat ulang").
   - Working pages: "cepat" ones are shown from the phone at once and refreshed behind,
     "segar" ones from the network first. Only answers the server marked X-IMP-Offline: simpan
     are kept (cadre roles, never a page with a full NIK); for 30 s after a form was posted
     every page comes from the network first (the page after saving must be fresh).
   - A form posted to a working page when the network fails is kept in the phone's queue
     (antrian.js) and the browser is sent to the list ("Tersimpan di ponsel ...").
   - Background Sync ("imp-kirim") sends the queue when the signal returns.
   - Anything else that is not on the phone shows the offline page. */
(function () {
  "use strict";
  var S = self.IMP_SETELAN, wb = self.workbox;
  var CACHE = "imp-halaman";
  var PARAM_PONSEL = ["imp_ubah", "imp_induk"]; // the phone's own, never sent to the server
  var POLA = Object.keys(S.halaman).map(function (p) { return [new RegExp(p), S.halaman[p]]; });
  var CADANGAN = (S.cadangan || []).map(function (p) { return new RegExp(p); });
  var segarSampai = 0;

  function cara(path) {
    for (var i = 0; i < POLA.length; i++) if (POLA[i][0].test(path)) return POLA[i][1];
    return null;
  }
  function halamanOffline() {
    return wb.precaching.matchPrecache(S.offline).then(function (r) {
      return r || new Response("Tidak ada sinyal.", { status: 503 });
    });
  }

  // Forms posted with no signal wait on the phone (registered before Workbox's own listener).
  self.addEventListener("fetch", function (e) {
    var req = e.request;
    if (req.method !== "POST" || req.mode !== "navigate") return;
    var url = new URL(req.url);
    if (url.origin !== self.location.origin) return;
    segarSampai = Date.now() + 30000;
    if (!cara(url.pathname)) return;
    e.respondWith(kirimAtauSimpan(req, url));
  });

  async function kirimAtauSimpan(req, url) {
    var salinan = req.clone();
    try {
      return await fetch(req);
    } catch (err) {
      var jenis = salinan.headers.get("Content-Type") || "";
      if (jenis.indexOf("application/x-www-form-urlencoded") !== 0) return halamanOffline();
      var body = await salinan.text();
      var data = new URLSearchParams(body);
      var id = data.get(S.field);
      if (!id) return halamanOffline();
      var ada = await self.IMPAntrian.ambil(id);
      var ringkas = [];
      try { ringkas = JSON.parse(data.get("_imp_ringkas") || "[]"); } catch (e2) { /* none */ }
      await self.IMPAntrian.simpan({
        id: id,
        pengguna: data.get("_imp_pengguna") || "",
        url: url.pathname + url.search,
        induk: null,
        halaman: req.referrer || url.pathname,
        judul: data.get("_imp_judul") || "Data",
        ringkas: ringkas,
        body: body,
        status: "menunggu",
        pesan: [],
        dibuat: ada ? ada.dibuat : Date.now()
      });
      try { await self.registration.sync.register("imp-kirim"); } catch (e3) { /* no sync */ }
      return Response.redirect(S.antrian + "?baru=" + encodeURIComponent(id), 303);
    }
  }

  wb.core.setCacheNameDetails({ prefix: "imp" });
  wb.core.clientsClaim();
  // Django adds "Vary: Accept-Language, Cookie"; the browser adds Accept-Language to the
  // request it later matches with, which the stored request lacks: the shell would never match.
  wb.precaching.addPlugins([{
    cacheWillUpdate: async function (o) {
      var r = o.response;
      if (!r || r.status !== 200) return null;
      if (!r.headers.has("Vary")) return r;
      var kepala = new Headers(r.headers);
      kepala.delete("Vary");
      return new Response(await r.blob(), { status: r.status, statusText: r.statusText, headers: kepala });
    }
  }]);
  wb.precaching.precacheAndRoute(S.precache, { ignoreURLParametersMatching: [/.*/] });
  wb.precaching.cleanupOutdatedCaches();

  var kunci = {
    cacheKeyWillBeUsed: async function (o) {
      var u = new URL(o.request.url);
      PARAM_PONSEL.forEach(function (p) { u.searchParams.delete(p); });
      return u.href;
    }
  };
  var hanyaBertanda = {
    cacheWillUpdate: async function (o) {
      var r = o.response;
      return r && r.status === 200 && r.headers.get("X-IMP-Offline") === "simpan" ? r : null;
    }
  };
  var tanpaParamPonsel = {
    requestWillFetch: async function (o) {
      var u = new URL(o.request.url);
      if (!PARAM_PONSEL.some(function (p) { return u.searchParams.has(p); })) return o.request;
      PARAM_PONSEL.forEach(function (p) { u.searchParams.delete(p); });
      return new Request(u.href, { credentials: "same-origin", headers: o.request.headers });
    }
  };
  var opsi = {
    cacheName: CACHE,
    plugins: [kunci, hanyaBertanda, tanpaParamPonsel],
    matchOptions: { ignoreVary: true }
  };
  var jaringanDulu = new wb.strategies.NetworkFirst(Object.assign({ networkTimeoutSeconds: 10 }, opsi));
  var ponselDulu = new wb.strategies.StaleWhileRevalidate(opsi);

  wb.routing.registerRoute(
    function (o) { return o.request.mode === "navigate" && cara(o.url.pathname); },
    function (o) {
      var segar = cara(o.url.pathname) === "segar" || Date.now() < segarSampai ||
        o.request.cache === "no-cache" || o.request.cache === "reload";
      return (segar ? jaringanDulu : ponselDulu).handle(o).catch(function (err) {
        return cadangan(o.url).then(function (r) { if (r) return r; throw err; });
      });
    }
  );
  // No signal and this address not on the phone: the page's copy without the query string,
  // for the pages that take their query as a field (the page reads it, pwa.js).
  function cadangan(url) {
    if (!url.search || !CADANGAN.some(function (r) { return r.test(url.pathname); })) {
      return Promise.resolve(null);
    }
    return caches.open(CACHE).then(function (c) {
      return c.match(url.origin + url.pathname, { ignoreVary: true });
    });
  }
  wb.routing.registerRoute(
    function (o) { return o.request.mode === "navigate"; },
    new wb.strategies.NetworkOnly()
  );
  wb.routing.setCatchHandler(function (o) {
    if (o.request.mode === "navigate") return halamanOffline();
    return Promise.resolve(Response.error());
  });

  self.addEventListener("message", function (e) {
    var d = e.data || {};
    if (d.jenis === "perbarui") self.skipWaiting();
    if (d.jenis === "kirim") e.waitUntil(self.IMPAntrian.kirimSemua(S));
  });
  self.addEventListener("sync", function (e) {
    if (e.tag !== "imp-kirim") return;
    e.waitUntil(self.IMPAntrian.kirimSemua(S).then(function (h) {
      if (h.jaringan === false) throw new Error("Belum ada sinyal");
    }));
  });
})();
