"""Each employee's full monthly TPP in rupiah, as payroll sends it, so exports can show amounts.

Payroll owns these numbers; region HR uploads them as CSV (``nip,tpp_dasar_rp``). A file with
any bad line is refused whole, with every line's problem, so a half-applied upload never
pays someone from an old number.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from kit.mongo import Document

TPP_BASES = "tpp_bases"
HEADER = ("nip", "tpp_dasar_rp")
NIP = re.compile(r"^[0-9]{18}$")
AMOUNT = re.compile(r"^([0-9]+|[0-9]{1,3}([.,][0-9]{3})+)$")  # 5000000, 5.000.000 or 5,000,000
MAX_RUPIAH = 1_000_000_000  # a month's TPP above a billion rupiah is a typing error


@dataclass(frozen=True)
class LineProblem:
    """What is wrong on one line of the upload (the field is ``baris N.column``)."""

    field: str
    id: str
    en: str


def parse_bases(text: str) -> dict[str, int] | list[LineProblem]:
    """NIP to base TPP, or every problem found (a NIP twice, a bad NIP, a bad amount)."""
    rows = list(csv.reader(io.StringIO(text.strip())))
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != HEADER:
        return [
            LineProblem(
                "baris 1",
                "kepala kolom harus nip,tpp_dasar_rp",
                "the header must be nip,tpp_dasar_rp",
            )
        ]
    bases: dict[str, int] = {}
    problems: list[LineProblem] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row] + ["", ""]
        nip, written = cells[0], cells[1]
        amount = re.sub(r"[.,]", "", written) if AMOUNT.match(written) else ""
        if not NIP.match(nip):
            problems.append(
                LineProblem(f"baris {number}.nip", "NIP harus 18 angka", "a NIP has 18 digits")
            )
        elif nip in bases:
            problems.append(
                LineProblem(f"baris {number}.nip", "NIP ditulis dua kali", "NIP given twice")
            )
        if not amount.isdigit() or int(amount) > MAX_RUPIAH:
            problems.append(
                LineProblem(
                    f"baris {number}.tpp_dasar_rp",
                    "harus rupiah bulat 0 sampai 1.000.000.000",
                    "must be whole rupiah from 0 to 1,000,000,000",
                )
            )
        elif NIP.match(nip):
            bases[nip] = int(amount)
    return problems or bases


class TppBaseBook:
    """Base TPP per region and NIP (``_id`` region:nip); a new upload overwrites those it names."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._bases = db[TPP_BASES]

    async def store(self, region: str, bases: dict[str, int], by: str) -> int:
        """Store an accepted upload; returns how many employees it set."""
        now = datetime.now(UTC)
        writes = [
            UpdateOne(
                {"_id": f"{region}:{nip}"},
                {"$set": {"region": region, "nip": nip, "amount": amount, "since": now, "by": by}},
                upsert=True,
            )
            for nip, amount in bases.items()
        ]
        if writes:
            await self._bases.bulk_write(writes, ordered=False)
        return len(writes)

    async def of_region(self, region: str) -> dict[str, int]:
        """NIP to base TPP for the region's employees payroll sent."""
        cursor = self._bases.find({"region": region}, {"nip": 1, "amount": 1})
        return {item["nip"]: item["amount"] async for item in cursor}
