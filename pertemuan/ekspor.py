"""XLSX export of the lists (the helper lives in kader.tables_dana, shared with the dana pages)."""

from kader.tables_dana import EksporXlsxMixin, xlsx_dari_tabel

__all__ = ["EksporXlsxMixin", "xlsx_dari_tabel"]
