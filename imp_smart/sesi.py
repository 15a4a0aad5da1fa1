"""Sliding session expiry without a session write on every request.

A session ends SESSION_COOKIE_AGE after the user was last active (cadres share phones). Django's
SESSION_SAVE_EVERY_REQUEST keeps that promise by writing the session (cache and database) on
every request. Here the session is written only when its expiry was last moved more than
IMP_SESI_SEGARKAN seconds ago: the session then ends between SESSION_COOKIE_AGE minus
IMP_SESI_SEGARKAN and SESSION_COOKIE_AGE after the last request (12 hours, give or take five
minutes, in production), and an active user's session is written at most once every five minutes.
"""

import time

from django.conf import settings

KUNCI = "_imp_segar"  # when the session's expiry (and its cookie's) was last moved, epoch seconds


def catat_masuk(sender, request, user, **kwargs) -> None:
    """user_logged_in: a login writes the session anyway; stamp it there, so that the first
    request after it does not write it again."""
    sesi = getattr(request, "session", None)
    if sesi is not None:
        sesi[KUNCI] = int(time.time())


class SesiGeserMiddleware:
    """Goes right after SessionMiddleware; its response part runs before the session is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sesi = getattr(request, "session", None)
        if sesi is None or sesi.is_empty():  # no session cookie, or logged out
            return response
        terakhir = sesi.get(KUNCI)  # loads it (usually loaded already, for request.user)
        if sesi.is_empty():  # the cookie named an expired or unknown session: do not create one
            return response
        sekarang = int(time.time())
        if (
            sesi.modified  # saved anyway (login, messages): note the new expiry with it
            or not isinstance(terakhir, int)
            or sekarang - terakhir >= settings.IMP_SESI_SEGARKAN
            or terakhir > sekarang  # a clock set back: move the expiry now
        ):
            sesi[KUNCI] = sekarang  # modified: SessionMiddleware saves it and resends the cookie
        return response
