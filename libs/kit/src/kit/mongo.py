"""The store client: PyMongo's AsyncMongoClient, which talks to MongoDB and FerretDB alike."""

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from kit.settings import ServiceSettings

Document = dict[str, Any]


def make_mongo_client(settings: ServiceSettings) -> AsyncMongoClient[Document]:
    """One client per process; it pools connections and must be closed on shutdown."""
    return AsyncMongoClient(settings.mongo_url, tz_aware=True, serverSelectionTimeoutMS=5000)


def service_database(
    client: AsyncMongoClient[Document], settings: ServiceSettings
) -> AsyncDatabase[Document]:
    """Each service owns exactly one database."""
    return client[settings.mongo_database]
