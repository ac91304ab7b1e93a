"""FastAPI dependencies that hand route functions the objects an app wired at start-up."""

from collections.abc import Callable
from typing import Any

from fastapi import Request


def from_app_state(name: str) -> Callable[[Request], Any]:
    """A dependency returning ``app.state.<name>``, so routes never reach for globals."""

    def dependency(request: Request) -> Any:
        return getattr(request.app.state, name)

    dependency.__name__ = f"app_state_{name}"
    return dependency
