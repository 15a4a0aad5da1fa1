"""Tags of the programme activities, for fragments that pertemuan adds to kader's pages
(kader.panel): a partner's contribution on its page."""

from django import template

from pertemuan.selectors_program import kontribusi_mitra as _kontribusi_mitra
from pertemuan.selectors_program import mitra_kegiatan as _mitra_kegiatan

register = template.Library()


@register.simple_tag
def kontribusi_mitra(mitra, user):
    """The partner's activities and yearly sums over what `user` may read."""
    return _kontribusi_mitra(mitra=mitra, user=user)


@register.simple_tag
def mitra_kegiatan(kegiatan):
    """The partners of a meeting, KIE session, sosialisasi or service event."""
    return _mitra_kegiatan(kegiatan=kegiatan)
