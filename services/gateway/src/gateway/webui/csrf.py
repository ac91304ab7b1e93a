"""Signed double-submit CSRF tokens: a random cookie, and its signature bound to the session.

A form carries ``csrf_token`` = sign(cookie nonce, session digest). A POST is accepted only
when the signature is valid and fresh, its nonce equals the ``kinerja_csrf`` cookie, and its
session digest equals the current session's: another site can neither read nor set both.
"""

import hashlib
import hmac
import secrets

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from gateway.webui.settings import web_config
from kit.auth import SESSION_COOKIE

CSRF_COOKIE = "kinerja_csrf"
CSRF_FIELD = "csrf_token"
MAX_AGE_SECONDS = 12 * 3600


class CsrfRejected(Exception):
    """A state-changing request came without a valid token for this browser and session."""


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(web_config(request).csrf_key, salt="kinerja-web-csrf")


def _session_digest(request: Request) -> str:
    session = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(session.encode()).hexdigest()[:32]


def browser_nonce(request: Request) -> str:
    """The nonce of this browser: its cookie's, or a new one the response must set."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    if not hasattr(request.state, "new_csrf_nonce"):
        request.state.new_csrf_nonce = secrets.token_urlsafe(32)
    nonce: str = request.state.new_csrf_nonce
    return nonce


def issue_token(request: Request) -> str:
    """The token to put in a form's hidden field."""
    return str(_serializer(request).dumps([browser_nonce(request), _session_digest(request)]))


async def verify(request: Request) -> None:
    """Refuse the request unless its form carries a token valid for this browser and session."""
    form = await request.form()
    token = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not isinstance(token, str) or not cookie:
        raise CsrfRejected
    try:
        nonce, digest = _serializer(request).loads(token, max_age=MAX_AGE_SECONDS)
    except (BadSignature, ValueError, TypeError) as error:
        raise CsrfRejected from error
    if not (
        hmac.compare_digest(str(nonce), cookie)
        and hmac.compare_digest(str(digest), _session_digest(request))
    ):
        raise CsrfRejected
