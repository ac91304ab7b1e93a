"""Who is using the browser: the ``kinerja_session`` cookie, verified like any API token."""

from urllib.parse import quote

from fastapi import Request

from kit.auth import SESSION_COOKIE, Principal, Role, TokenVerifier
from kit.problems import DomainProblem

LOGIN_PATH = "/masuk"


class LoginRequired(Exception):
    """No valid session: the person signs in and comes back to ``next_path``."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def safe_next(value: str | None, default: str = "/") -> str:
    """A local path to return to after sign-in; anything pointing elsewhere becomes ``default``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return default
    return value


def here(request: Request) -> str:
    """The current page with its query, as a ``next`` target."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def login_url(next_path: str) -> str:
    """The sign-in page that returns to ``next_path``."""
    return f"{LOGIN_PATH}?next={quote(next_path, safe='/')}"


def optional_user(request: Request) -> Principal | None:
    """The signed-in person, or None when the cookie is missing, expired or not ours."""
    cached: Principal | None = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        user = verifier.verify(token)
    except DomainProblem:
        return None
    request.state.user = user
    return user


def require_user(request: Request, *roles: Role) -> Principal:
    """The signed-in person; without a session, sign in first and come back here."""
    user = optional_user(request)
    if user is None:
        raise LoginRequired(here(request))
    if roles and not any(user.has(role) for role in roles):
        raise DomainProblem(
            403,
            reason_id="Halaman ini bukan untuk peran Anda",
            reason_en="This page is not for your role",
        )
    return user
