"""One trace from a gateway request, through a service, Kafka and the consumer's store write."""

import httpx
from asgi_lifespan import LifespanManager
from faststream.opentelemetry.consts import MESSAGING_DESTINATION_PUBLISH_NAME as CONSUMED_TOPIC
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from contracts import SkpApproved
from gateway.app import create_app as create_gateway
from gateway.settings import GatewaySettings
from kit.auth import Role
from kit.publishing import publish_event
from scoring.app import create_app as create_scoring
from scoring.settings import ScoringSettings
from scoring.store import ScoringStore
from targets.app import create_app as create_targets
from targets.settings import TargetsSettings
from tests.factories import bearer, employee, nip, rhk, skp_body
from tests.integration.live import eventually, settings_for

STARTUP = 60  # seconds: a service joins its consumer group before it reports started


class RoutingTransport(httpx.AsyncBaseTransport):
    """Send each upstream host to an in-process app, so the gateway's real client code runs."""

    def __init__(self, routes: dict[str, httpx.AsyncBaseTransport]) -> None:
        self._routes = routes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._routes[request.url.host].handle_async_request(request)


async def test_gateway_request_and_kafka_consumer_share_one_trace(
    spans: InMemorySpanExporter,
) -> None:
    targets_app = create_targets(settings_for(TargetsSettings))
    # Its own region only: a fresh group skips the rest of the shared topics quickly.
    scoring_app = create_scoring(settings_for(ScoringSettings, regions=frozenset({"palangkaraya"})))
    async with (
        LifespanManager(targets_app, startup_timeout=STARTUP, shutdown_timeout=STARTUP) as targets,
        LifespanManager(scoring_app, startup_timeout=STARTUP, shutdown_timeout=STARTUP),
    ):
        transport = RoutingTransport({"targets.test": httpx.ASGITransport(targets.app)})
        gateway_settings = GatewaySettings(environment="test", targets_url="http://targets.test")
        async with (
            LifespanManager(
                create_gateway(gateway_settings, transport=transport),
                startup_timeout=STARTUP,
                shutdown_timeout=STARTUP,
            ) as gateway,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(gateway.app), base_url="http://gateway.test"
            ) as client,
        ):
            boss, worker = nip(), nip()
            broker = targets_app.state.runtime.broker
            await publish_event(broker, employee(boss))
            await publish_event(broker, employee(worker, supervisor=boss))
            directory = targets_app.state.directory

            async def projected() -> bool:
                return await directory.get("palangkaraya", worker) is not None

            await eventually(projected, seconds=120, what="the directory projection")
            as_worker, as_boss = bearer(gateway_settings, worker), bearer(gateway_settings, boss)
            as_hr = bearer(gateway_settings, boss, Role.REGION_ADMIN)
            opened = await client.post(
                "/api/v1/periods", json={"year": 2026, "cadence": "monthly"}, headers=as_hr
            )
            assert opened.status_code in (201, 409)  # another test may have opened it
            # An additional (tambahan) RHK needs no supervisor RHK to link to: this is about traces.
            body = skp_body(rhk=[rhk(kind="tambahan").model_dump(mode="json")])
            skp_id = (await client.post("/api/v1/skp", json=body, headers=as_worker)).json()[
                "skp_id"
            ]
            assert (
                await client.post(f"/api/v1/skp/{skp_id}/submit", headers=as_worker)
            ).status_code == 200
            spans.clear()
            approved = await client.post(f"/api/v1/skp/{skp_id}/approve", headers=as_boss)
            assert approved.status_code == 200

            trace_id = next(
                span.context.trace_id
                for span in spans.get_finished_spans()
                if span.kind is SpanKind.SERVER
                and (span.attributes or {}).get("http.route") == "/api/v1/skp/{skp_id}/approve"
            )

            def in_trace() -> set[tuple[SpanKind, object]]:
                return {
                    (
                        span.kind,
                        (span.attributes or {}).get("messaging.destination.name")
                        or (span.attributes or {}).get(CONSUMED_TOPIC),
                    )
                    for span in spans.get_finished_spans()
                    if span.context.trace_id == trace_id
                }

            async def consumed_in_trace() -> bool:
                return (SpanKind.CONSUMER, SkpApproved.topic()) in in_trace()

            # The consumer's span ends after its store write and inbox mark: the whole journey.
            await eventually(
                consumed_in_trace, what="scoring's consumer span in the request's trace"
            )
            assert (SpanKind.PRODUCER, SkpApproved.topic()) in in_trace(), (
                "the relay's publish joined the trace"
            )
            stored = ScoringStore(scoring_app.state.runtime.db).facts()
            nips = [getattr(event, "nip", None) async for event in stored]
            assert worker in nips, "scoring stored what it consumed"
    # In-process the targets span is INTERNAL (the caller's span is current); across processes, SERVER.
    server_routes = {
        (span.attributes or {}).get("http.route")
        for span in spans.get_finished_spans()
        if span.context.trace_id == trace_id
    }
    assert "/skp/{skp_id}/approve" in server_routes, (
        "targets' server span joined the gateway's trace"
    )
