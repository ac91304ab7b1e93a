"""Replaying a dead-letter topic on the real broker: original bytes, key and headers, once."""

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from contracts import headers as h
from kit.replay import replay
from tests.integration.live import KAFKA, read_topic, unique


async def test_parked_records_go_back_to_their_topic_once_without_error_headers() -> None:
    topic = unique("it-replay-")
    dlt = f"{topic}.dlt.scoring"
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(name=t, num_partitions=2, replication_factor=1) for t in (topic, dlt)]
        )
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        for n in range(3):
            await producer.send_and_wait(
                dlt,
                f'{{"n": {n}}}'.encode(),
                key=f"key-{n}".encode(),
                headers=[
                    (h.CE_ID, f"id-{n}".encode()),
                    (h.TRACEPARENT, b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                    (h.DLT_ERROR, b"boom,\nwith: separators"),
                    (h.DLT_ORIGINAL_TOPIC, topic.encode()),
                    (h.DLT_ATTEMPTS, b"3"),
                ],
            )
    finally:
        await producer.stop()

    dry = await replay(KAFKA, dlt, dry_run=True)
    assert dry.replayed == {topic: 3}
    report = await replay(KAFKA, dlt)
    assert report.replayed == {topic: 3}

    records = await read_topic(topic, 3)
    assert sorted(r.value for r in records) == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}']
    for record in records:
        n = record.value.decode()[-2]
        assert record.key == f"key-{n}".encode()
        assert [name for name, _ in record.headers] == [h.CE_ID, h.TRACEPARENT]
        assert dict(record.headers)[h.CE_ID] == f"id-{n}".encode()

    again = await replay(KAFKA, dlt)
    assert again.total == 0, "the replay group remembers what it replayed"
