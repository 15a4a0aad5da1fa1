"""Parent-scoped form/action views (defined in kader.views_dana, shared with the dana pages)."""

from kader.views_dana import IndukAksiView, IndukFormView, IndukMixin

__all__ = ["IndukAksiView", "IndukFormView", "IndukMixin"]
