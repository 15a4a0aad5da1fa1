// Lists whose "Cari" accepts a NIK (kader.cari_nik, template kader/daftar_cari_nik.html): a full
// NIK/no KK typed there is sent by POST (never in the URL, so not in access logs or the browser
// history); the server answers with a keyed-hash address (?nik_token=).
(function () {
  var q = document.querySelector("form input[name=q]");
  var tanda = document.getElementById("cari-nik");
  if (!q || !tanda) return;
  var form = q.form;
  form.addEventListener("submit", function () {
    var token = form.querySelector("input[name=nik_token]");
    if (token && q.value.trim()) token.disabled = true; // a new search replaces the NIK search
    if (!/^\d{16}$/.test(q.value.replace(/[\s.\-]/g, ""))) return;
    form.method = "post";
    var csrf = document.createElement("input");
    csrf.type = "hidden";
    csrf.name = "csrfmiddlewaretoken";
    csrf.value = tanda.dataset.token;
    form.appendChild(csrf);
  });
})();
