"""Fixtures of the pertemuan tests: the shared `area` and `users`, plus a fixed 'today'."""
