// Lists whose "Cari" accepts a NIK (kader.cari_nik, template kader/daftar_cari_nik.html): the
// filter form is a POST, so that a full NIK/no KK is never in a URL (access logs, the browser
// history), with or without JavaScript; the server answers with a keyed-hash address
// (?nik_token=). Here a search that is no NIK goes as a plain GET instead (no redirect).
(function () {
  var q = document.querySelector("form input[name=q]");
  if (!q || !document.getElementById("cari-nik")) return;
  var form = q.form;
  form.addEventListener("submit", function () {
    var token = form.querySelector("input[name=nik_token]");
    if (token && q.value.trim()) token.disabled = true; // a new search replaces the NIK search
    if (/^\d{16}$/.test(q.value.replace(/[\s.\-]/g, ""))) return; // a NIK: posted
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (csrf) csrf.disabled = true; // never in a URL
    form.method = "get";
  });
})();
