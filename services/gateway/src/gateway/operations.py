"""The app's operations as it serves them: router prefixes and shared dependencies applied."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from gateway.rate_limits import RateLimited
from kit.auth import authenticate


@dataclass(frozen=True)
class Operation:
    """One method of one API route."""

    path: str
    method: str
    operation_id: str | None
    dependant: Dependant
    in_schema: bool

    def depends_on(self) -> Iterator[Callable[..., Any]]:
        """Every callable the operation depends on, however deeply nested."""
        pending = list(self.dependant.dependencies)
        while pending:
            dependency = pending.pop()
            if dependency.call is not None:
                yield dependency.call
            pending.extend(dependency.dependencies)

    @property
    def requires_caller(self) -> bool:
        """Whether the caller must be authenticated (the route takes a ``kit.auth.Caller``)."""
        return any(call is authenticate for call in self.depends_on())

    @property
    def is_rate_limited(self) -> bool:
        """Whether requests are counted per client address."""
        return any(isinstance(call, RateLimited) for call in self.depends_on())


def operations(app: FastAPI) -> Iterator[Operation]:
    """Every API operation of ``app``, including those of included routers."""
    # Included routers are kept as a tree, not copied into app.routes: FastAPI's own walk.
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        for method in sorted(context.methods or ()):
            yield Operation(
                path=context.path_format or "",
                method=method,
                operation_id=context.operation_id,
                dependant=context.dependant,
                in_schema=context.include_in_schema,
            )
