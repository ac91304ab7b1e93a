"""The web application's view of the gateway settings: the form-signing key, the demo people."""

from functools import cached_property

from fastapi import Request

from gateway.demo_login import load_demo_people
from gateway.settings import GatewaySettings
from kit.auth import Principal


class WebConfig:
    """The web settings resolved against the gateway's: a production deployment needs a key."""

    def __init__(self, gateway: GatewaySettings) -> None:
        self.gateway = gateway

    @cached_property
    def csrf_key(self) -> str:
        """The CSRF signing key; refused when production would sign with nothing."""
        key = self.gateway.web_csrf_secret or self.gateway.auth_hs256_secret
        if not key:
            raise RuntimeError("set GATEWAY_WEB_CSRF_SECRET: forms cannot be signed without it")
        return key

    @cached_property
    def demo_people(self) -> dict[str, Principal]:
        """Who one may sign in as in a demo deployment, across its demo regions."""
        if not self.demo_login:
            return {}
        files = self.gateway.demo_users_files
        return {nip: person for path in files for nip, person in load_demo_people(path).items()}

    @property
    def demo_login(self) -> bool:
        """Demo sign-in exists only where the gateway mounts the demo routes."""
        return self.gateway.environment in ("development", "test")


def web_config(request: Request) -> WebConfig:
    """The app's web configuration, built once from the gateway settings on ``app.state``."""
    state = request.app.state
    if not hasattr(state, "web_config"):
        state.web_config = WebConfig(state.settings)
    config: WebConfig = state.web_config
    return config
