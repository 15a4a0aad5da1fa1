// Monthly PUS page: mark changed rows; on submit post only the changed rows (weak connections).
(function () {
  var form = document.getElementById("form-pus");
  if (!form) return;
  function nilai(r) {
    var s = r.querySelectorAll("select"), b = r.querySelector("input[type=checkbox]");
    return s[0].value + "|" + s[1].value + "|" + (b.checked ? "1" : "");
  }
  form.addEventListener("change", function (e) {
    var r = e.target.closest(".r");
    if (r) r.classList.toggle("ubah", nilai(r) !== r.dataset.a);
  });
  form.addEventListener("submit", function () {
    form.querySelectorAll(".r").forEach(function (r) {
      if (nilai(r) === r.dataset.a && !r.classList.contains("salah")) {
        r.querySelectorAll("select,input").forEach(function (i) { i.disabled = true; });
      }
    });
  });
})();
