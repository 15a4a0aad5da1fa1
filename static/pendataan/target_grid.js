/* Target grid (templates/pendataan/target_grid.html): while typing, mark a cell that is not a
   whole number ≥ 0 and keep the desa, kecamatan and kabupaten totals current. The server checks
   every cell again when the page is saved (pendataan.services_target.target_simpan). */
(function () {
  "use strict";
  var form = document.getElementById("grid-target");
  if (!form) return;
  var BULAT = /^[0-9]*$/;
  var fmt = function (n) { return n.toLocaleString("id-ID"); };

  function angka(input) {
    var v = input.value.trim();
    return BULAT.test(v) && v !== "" ? parseInt(v, 10) : 0;
  }

  function tandai(input) {
    var v = input.value.trim();
    var salah = !BULAT.test(v);
    input.classList.toggle("is-invalid", salah);
    input.setAttribute("aria-invalid", salah ? "true" : "false");
    input.closest("td").classList.toggle("salah", salah);
    var pesan = input.parentNode.querySelector(".invalid-feedback");
    if (salah) {
      if (!pesan) {
        pesan = document.createElement("div");
        pesan.className = "invalid-feedback d-block";
        pesan.id = "g-" + input.name;
        input.parentNode.appendChild(pesan);
        input.setAttribute("aria-describedby", pesan.id);
      }
      pesan.textContent = v.charAt(0) === "-"
        ? "Target tidak boleh negatif."
        : "Target harus bilangan bulat ≥ 0.";
    } else if (pesan) {
      pesan.remove();
      input.removeAttribute("aria-describedby");
    }
  }

  function hitung() {
    var kec = {};
    form.querySelectorAll("tr[data-baris]").forEach(function (tr) {
      var desa = { pb: 0, pa: 0 };
      tr.querySelectorAll("input[data-metode]").forEach(function (i) {
        var n = angka(i), k = i.dataset.metode + "-" + i.dataset.jenis;
        kec[k] = (kec[k] || 0) + n;
        desa[i.dataset.jenis] += n;
      });
      tr.querySelector("[data-jumlah-desa=pb]").textContent = fmt(desa.pb);
      tr.querySelector("[data-jumlah-desa=pa]").textContent = fmt(desa.pa);
    });
    var total = { kec: { pb: 0, pa: 0 }, kab: { pb: 0, pa: 0 } };
    form.querySelectorAll("[data-kab][data-lain]").forEach(function (td) {
      var k = td.dataset.kab, jenis = k.slice(-2), n = kec[k] || 0;
      var kab = n + parseInt(td.dataset.lain, 10);
      td.textContent = fmt(kab);
      form.querySelector('[data-kec="' + k + '"]').textContent = fmt(n);
      total.kec[jenis] += n;
      total.kab[jenis] += kab;
    });
    ["pb", "pa"].forEach(function (j) {
      form.querySelector('[data-kec="jumlah-' + j + '"]').textContent = fmt(total.kec[j]);
      form.querySelector('[data-kab="jumlah-' + j + '"]').textContent = fmt(total.kab[j]);
    });
  }

  form.addEventListener("input", function (e) {
    if (!e.target.matches("input[data-metode]")) return;
    tandai(e.target);
    hitung();
  });
  var pertama = form.querySelector("input.is-invalid");
  if (pertama) pertama.scrollIntoView({ block: "center", inline: "center" });
})();
