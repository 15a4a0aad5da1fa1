"""Group funds of the institutions (DOMAIN §7): kas, iuran, arisan (models: kader.models.dana)."""
