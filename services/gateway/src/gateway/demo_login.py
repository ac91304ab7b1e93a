"""Demo sign-in for development deployments: pick a demo person, get a session.

Only mounted when the settings say ``development`` or ``test``; production identities come
from the region's OpenID Connect provider.
"""

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict

from contracts.vocabulary import Nip
from gateway.rate_limits import login_rate_limit
from gateway.sessions import SESSION_SECONDS, Settings, start_session
from gateway.settings import GatewaySettings
from kit.auth import Principal, issue_development_token
from kit.problems import DomainProblem


class DemoLogin(BaseModel):
    """Which demo person to sign in as."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip


def load_demo_people(path: Path) -> dict[str, Principal]:
    """Demo identities keyed by NIP, from the same file the demo data loader publishes."""
    data = json.loads(path.read_text())
    return {
        person["nip"]: Principal(
            nip=person["nip"], region=data["region"], roles=person["roles"], name=person["name"]
        )
        for person in data["employees"]
    }


def demo_router(settings: GatewaySettings) -> APIRouter:
    """Routes for signing in as a demo person."""
    router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
    people = {
        nip: person
        for path in settings.demo_users_files
        for nip, person in load_demo_people(path).items()
    }

    @router.get("/demo-people", operation_id="auth_demo_people")
    async def demo_people() -> dict[str, Any]:
        """Who one can sign in as in this demo deployment."""
        return {"items": [person.model_dump(mode="json") for person in people.values()]}

    @router.post(
        "/demo-login", operation_id="auth_demo_login", dependencies=[Depends(login_rate_limit)]
    )
    async def demo_login(body: DemoLogin, response: Response, current: Settings) -> dict[str, Any]:
        """Sign in as a demo person: a bearer token, and the same token as an HTTP-only cookie."""
        person = people.get(body.nip)
        if person is None:
            raise DomainProblem(
                404, field="nip", reason_id="Bukan pengguna demo", reason_en="Not a demo user"
            )
        token = issue_development_token(current, person, ttl_seconds=SESSION_SECONDS)
        start_session(response, token, current)
        return {
            "access_token": token,
            "token_type": "bearer",
            "principal": person.model_dump(mode="json"),
        }

    return router
