"""What the scoring service consumes: every event type, folded by the engine a batch at a time."""

from kit.runtime import ServiceRuntime
from scoring.engine import CONSUMED, Engine


def register(runtime: ServiceRuntime, engine: Engine) -> None:
    """One batch route for all consumed topics; the engine is idempotent by construction."""
    runtime.consumers.handle_batch(CONSUMED, engine.handle)
    runtime.run_alongside(engine.start, engine.stop)
