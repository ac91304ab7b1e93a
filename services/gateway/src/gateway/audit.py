"""Audit log of administrative actions: one JSON line per change made by an admin."""

import json
import logging
from datetime import UTC, datetime

from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.auth import Principal, Role

logger = logging.getLogger("gateway.audit")

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ADMIN_ROLES = frozenset({Role.REGION_ADMIN, Role.UNIT_ADMIN})
# Opening and closing a performance year change everyone's plans: audited whoever asks.
ALWAYS_AUDITED = frozenset({"period_open", "period_close"})


def is_audited(method: str, operation_id: str | None, caller: Principal) -> bool:
    """Whether a request by ``caller`` is an administrative action."""
    if operation_id in ALWAYS_AUDITED:
        return True
    return method not in READ_METHODS and bool(caller.roles & ADMIN_ROLES)


class AuditLog:
    """ASGI middleware: after an authenticated, audited request, log who did what and how it ended.

    The caller is the one ``kit.auth.authenticate`` left on the request state; requests refused
    before authentication have no caller and are not administrative actions.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request, remembering its status, then write the audit line if it is one."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        status = 500  # what the client gets if the app fails before it answers

        async def watched_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        finally:
            caller = state.get("principal")
            route = scope.get("route")
            operation_id = route.operation_id if isinstance(route, APIRoute) else None
            if isinstance(caller, Principal) and is_audited(scope["method"], operation_id, caller):
                record = {
                    "event": "admin_action",
                    "time": datetime.now(UTC).isoformat(),
                    "nip": caller.nip,
                    "region": caller.region,
                    "roles": sorted(caller.roles),
                    "method": scope["method"],
                    "path": scope["path"],
                    "operation_id": operation_id,
                    "status": status,
                }
                logger.info(json.dumps(record), extra={"audit": record})
