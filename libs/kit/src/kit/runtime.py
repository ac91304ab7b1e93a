"""Everything a service process holds (broker, store, outbox relay, consumers) and its app."""

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import APIRouter, FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from prometheus_client import CollectorRegistry

from contracts import Event
from kit.auth import TokenVerifier
from kit.broker import ensure_topics, make_broker
from kit.consumer import Consumers
from kit.health import health_router
from kit.inbox import Inbox
from kit.mongo import make_mongo_client, service_database
from kit.outbox import OutboxRelay
from kit.problems import install_problem_handlers
from kit.settings import ServiceSettings
from kit.telemetry import setup_tracing

Prepare = Callable[[], Awaitable[None]]


class ServiceRuntime:
    """The long-lived parts of one service process, started and stopped together."""

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        outbox_collections: Iterable[str] = (),
        publishes: Iterable[type[Event]] = (),
    ) -> None:
        self.settings = settings
        self.metrics = CollectorRegistry()
        setup_tracing(settings.service_name)
        self.broker = make_broker(settings, self.metrics)
        self.mongo = make_mongo_client(settings)
        self.db = service_database(self.mongo, settings)
        self.inbox = Inbox(self.db)
        self.consumers = Consumers(
            self.broker,
            self.inbox,
            group=settings.service_name,
            attempts=settings.consumer_attempts,
            regions=settings.regions,
            max_records=settings.consumer_batch_records,
        )
        self.relay = OutboxRelay(
            self.db, self.broker, list(outbox_collections), settings.outbox_poll_seconds
        )
        self._publish_topics = {event_class.topic() for event_class in publishes}
        self._background: list[tuple[Prepare, Prepare]] = []

    def run_alongside(self, start: Prepare, stop: Prepare) -> None:
        """A service's own long-lived worker: started once the broker runs, stopped first."""
        self._background.append((start, stop))

    async def start(self, prepare: Prepare | None = None) -> None:
        """Topics, indexes, then consumers and the relay: nothing consumes before it can store."""
        await ensure_topics(self.settings, self._publish_topics | self.consumers.topics)
        self.consumers.attach()
        if prepare is not None:
            await prepare()
        await self.broker.start()
        self.relay.start()
        for start, _ in self._background:
            await start()

    async def stop(self) -> None:
        """Stop taking work, then release connections."""
        for _, stop in reversed(self._background):
            await stop()
        await self.relay.stop()
        await self.broker.stop()
        await self.mongo.close()

    async def _broker_ready(self) -> None:
        if not await self.broker.ping(timeout=3):
            raise ConnectionError("kafka did not answer")

    async def _store_ready(self) -> None:
        await self.db.command("ping")

    def readiness_checks(self) -> dict[str, Callable[[], Awaitable[object]]]:
        """What /health/ready asks."""
        return {"kafka": self._broker_ready, "store": self._store_ready}


def create_http_app(
    settings: ServiceSettings,
    *,
    title: str,
    registry: CollectorRegistry,
    checks: dict[str, Callable[[], Awaitable[object]]],
    routers: Iterable[APIRouter] = (),
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
    state: dict[str, object] | None = None,
) -> FastAPI:
    """A FastAPI app with authentication, bilingual errors, health, metrics and tracing.

    ``state`` becomes ``app.state``: what routes receive through ``kit.deps.from_app_state``.
    """
    setup_tracing(settings.service_name)
    app = FastAPI(title=title, lifespan=lifespan)
    app.state.token_verifier = TokenVerifier(settings)
    for name, value in (state or {}).items():
        setattr(app.state, name, value)
    install_problem_handlers(app)
    app.include_router(health_router(checks, registry))
    for router in routers:
        app.include_router(router)
    FastAPIInstrumentor.instrument_app(app, excluded_urls="health/.*,metrics")
    return app


def create_service_app(
    runtime: ServiceRuntime,
    *,
    title: str,
    routers: Iterable[APIRouter] = (),
    prepare: Prepare | None = None,
    state: dict[str, object] | None = None,
) -> FastAPI:
    """An HTTP app whose lifespan runs the service runtime (broker, store, relay)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start(prepare)
        try:
            yield
        finally:
            await runtime.stop()

    app = create_http_app(
        runtime.settings,
        title=title,
        registry=runtime.metrics,
        checks=runtime.readiness_checks(),
        routers=routers,
        lifespan=lifespan,
        state={"runtime": runtime, **(state or {})},
    )
    return app


def serve(app: FastAPI, settings: ServiceSettings) -> None:
    """Run the app under uvicorn on the configured address (the console-script entry point)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_level="info")
