"""Evidence upload limits and references; which IKI of a plan are still unreported for a period."""

import pytest

from kit.problems import DomainProblem
from targets import evidence, service
from tests.factories import rhk


def test_missing_iki_lists_unreported_indicators_of_the_period_in_plan_order() -> None:
    plan = [
        rhk(rhk_id="r1", iki_id="a"),
        rhk(rhk_id="r1", iki_id="b"),
        rhk(rhk_id="r2", iki_id="a"),
    ]
    reports = [
        {"rhk_id": "r1", "iki_id": "b", "period": "2026-03"},
        {"rhk_id": "r2", "iki_id": "a", "period": "2026-02"},  # another month does not count
        {"rhk_id": "gone", "iki_id": "x", "period": "2026-03"},  # no longer in the plan
    ]

    assert service.missing_iki(plan, reports, "2026-03") == [
        {"rhk_id": "r1", "iki_id": "a"},
        {"rhk_id": "r2", "iki_id": "a"},
    ]


def test_a_fully_reported_period_misses_nothing() -> None:
    plan = [rhk(rhk_id="r1", iki_id="a")]
    reports = [{"rhk_id": "r1", "iki_id": "a", "period": "2026-Q1"}]

    assert service.missing_iki(plan, reports, "2026-Q1") == []
    assert service.missing_iki(plan, [], "2026-Q1") == [{"rhk_id": "r1", "iki_id": "a"}]


@pytest.mark.parametrize("header", ["application/pdf", "Image/PNG", "text/csv; charset=utf-8"])
def test_documents_photos_and_spreadsheets_are_accepted(header: str) -> None:
    evidence.check_content_type(evidence.media_type(header))


@pytest.mark.parametrize("header", [None, "", "text/html", "application/x-msdownload"])
def test_other_types_are_415_on_the_content_type(header: str | None) -> None:
    with pytest.raises(DomainProblem) as raised:
        evidence.check_content_type(evidence.media_type(header))

    assert (raised.value.status, raised.value.field) == (415, "content-type")


def test_size_must_be_between_one_byte_and_two_mebibytes() -> None:
    evidence.check_size(1)
    evidence.check_size(2 * 1024 * 1024)
    with pytest.raises(DomainProblem) as empty:
        evidence.check_size(0)
    with pytest.raises(DomainProblem) as big:
        evidence.check_size(2 * 1024 * 1024 + 1)

    assert empty.value.status == 422
    assert big.value.status == 413
    assert "2 MiB" in big.value.reason_id
    assert "2 MiB" in big.value.reason_en


def test_only_file_links_cite_uploads() -> None:
    assert evidence.file_id_of("file:abc123") == "abc123"
    assert evidence.file_id_of("https://example.org/file:abc") is None


def test_the_download_name_survives_non_ascii_and_spaces() -> None:
    header = evidence.content_disposition("laporan bulan é.pdf")

    assert header.startswith('attachment; filename="laporan bulan _.pdf"')
    assert header.endswith("filename*=UTF-8''laporan%20bulan%20%C3%A9.pdf")
