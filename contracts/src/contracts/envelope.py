"""The envelope every Kinerja event carries, and how an event names its topic and key."""

from datetime import UTC, datetime
from typing import ClassVar, Self
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from contracts.vocabulary import Region


def utc_now() -> datetime:
    """Timestamps are always UTC-aware so consumers never guess a zone."""
    return datetime.now(UTC)


class Event(BaseModel):
    """Base of every event: envelope fields first, then the payload fields of the subclass.

    Subclasses declare ``type`` and ``version`` as single-value literals with defaults, and name
    the payload field that is the aggregate id in ``key_field`` (usually the NIP), so that all
    events of one aggregate land on one partition and keep their order.
    """

    # Tolerant reader: a newer producer may add optional fields this consumer does not know.
    model_config = ConfigDict(extra="ignore", frozen=True, ser_json_inf_nan="null")

    key_field: ClassVar[str] = "nip"

    event_id: UUID = Field(default_factory=uuid4)
    type: str
    version: int
    occurred_at: AwareDatetime = Field(default_factory=utc_now)
    region: Region
    producer: str = Field(min_length=1, max_length=60)

    @field_validator("occurred_at")
    @classmethod
    def _to_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @classmethod
    def event_type(cls) -> str:
        """The ``type`` literal this class is pinned to."""
        return str(cls.model_fields["type"].default)

    @classmethod
    def major_version(cls) -> int:
        """The ``version`` literal this class is pinned to."""
        return int(cls.model_fields["version"].default)

    @classmethod
    def topic(cls) -> str:
        """Topic of this event type and major version, e.g. ``skp.approved.v1``."""
        return topic_name(cls.event_type(), cls.major_version())

    def key(self) -> str:
        """Partition key: the aggregate id named by ``key_field``."""
        return str(getattr(self, self.key_field))

    def to_json(self) -> bytes:
        """Serialised body as published on Kafka."""
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, body: bytes | str) -> Self:
        """Parse a body published by any producer of this event type."""
        return cls.model_validate_json(body)


def topic_name(event_type: str, major_version: int) -> str:
    """Topic per event type and major version: ``<domain>.<event>.v<major>``."""
    return f"{event_type}.v{major_version}"


def dead_letter_topic(topic: str, consumer: str) -> str:
    """Where a consumer parks messages it could not process: ``<topic>.dlt.<consumer>``."""
    return f"{topic}.dlt.{consumer}"
