"""Dead-letter topics: the original bytes plus why they failed, so the partition keeps moving."""

from aiokafka.structs import ConsumerRecord
from faststream.kafka import KafkaBroker

from contracts import dead_letter_topic
from contracts import headers as h


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value


async def send_to_dead_letters(
    broker: KafkaBroker,
    record: "ConsumerRecord[bytes, bytes]",
    *,
    consumer: str,
    error: BaseException,
    attempts: int,
) -> str:
    """Publish the failed record to ``<topic>.dlt.<consumer>``; return that topic."""
    topic = dead_letter_topic(record.topic, consumer)
    headers = {name: _text(value) for name, value in record.headers or ()}
    headers |= {
        h.DLT_ERROR: str(error)[:4000],
        h.DLT_ERROR_TYPE: type(error).__name__,
        h.DLT_CONSUMER: consumer,
        h.DLT_ORIGINAL_TOPIC: record.topic,
        h.DLT_ORIGINAL_PARTITION: str(record.partition),
        h.DLT_ORIGINAL_OFFSET: str(record.offset),
        h.DLT_ATTEMPTS: str(attempts),
    }
    await broker.publish(record.value or b"", topic, key=record.key, headers=headers)
    return topic
