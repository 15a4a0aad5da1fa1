// "Cetak" buttons: <button data-cetak> prints the page (no onclick attribute under the CSP).
(function () {
  document.querySelectorAll("[data-cetak]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
