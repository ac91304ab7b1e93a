"""The board and certificates of a period, put together from awards, scores and the directory."""

from datetime import date

from kit.directory import EmployeeDirectory
from rewards.award_store import AwardStore
from rewards.candidates import scores_for_period
from rewards.certificate import Certificate, certificate_for
from rewards.periods import parse_period
from rewards.recognition import Board, Profile, board
from rewards.score_ledger import ScoreLedger


class Honours:
    """Reads only: what the public board and the printable certificates show."""

    def __init__(
        self, awards: AwardStore, ledger: ScoreLedger, directory: EmployeeDirectory
    ) -> None:
        self._awards = awards
        self._ledger = ledger
        self._directory = directory

    async def board(self, region: str, period: str) -> Board:
        """The period's standing awards with names, units and the winners' strengths."""
        held = await self._awards.held(region, period)
        year_scores = await self._ledger.of_year(region, parse_period(period).year)
        scores = scores_for_period(year_scores, period)
        profiles = {}
        for nip in {item.nip for item in held}:
            employee = await self._directory.get(region, nip) or {}
            unit_id = employee.get("unit_id", "")
            unit = await self._directory.unit(region, unit_id) if unit_id else None
            profiles[nip] = Profile(
                nip=nip,
                name=employee.get("name", nip),
                unit_name=(unit or {}).get("name", unit_id),
            )
        receipts = {nip: score.receipt for nip, score in scores.items()}
        return board(
            region=region, period=period, awards=held, profiles=profiles, receipts=receipts
        )

    async def certificate(
        self, region: str, period: str, award_id: str, issued_on: date
    ) -> Certificate | None:
        """The certificate of a standing award (None when it is not on the board)."""
        current = await self.board(region, period)
        entry = next((item for item in current.entries if item.award_id == award_id), None)
        if entry is None:
            return None
        return certificate_for(entry, current, region_name=region_name(region), issued_on=issued_on)


def region_name(region: str) -> str:
    """How a certificate names the region: ``tangerang-selatan`` becomes ``Tangerang Selatan``."""
    return region.replace("-", " ").replace("_", " ").title()
