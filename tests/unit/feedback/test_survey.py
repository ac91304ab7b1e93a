"""The IKM survey: answers on the official scale, officer fields, duplicates, limits, the summary."""

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.requests import Request

from contracts.vocabulary import IkmElement
from feedback import qr, survey_form
from feedback.citizen_access import CitizenLimits, citizen_desk, client_address
from feedback.settings import FeedbackSettings
from feedback.survey_form import SurveyAnswers
from gateway.app import create_app as create_gateway
from gateway.settings import GatewaySettings
from kit.problems import DomainProblem, validation_errors

ALL_GOOD = {element.value: 3 for element in IkmElement}


def invalid_fields(body: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as raised:
        SurveyAnswers.model_validate(body)
    errors = [dict(error) | {"loc": ("body", *error["loc"])} for error in raised.value.errors()]
    return validation_errors(RequestValidationError(errors))


def test_nine_answers_and_an_optional_profile_are_accepted() -> None:
    form = SurveyAnswers.model_validate(
        {"answers": ALL_GOOD, "age_band": "30_39", "sex": "perempuan", "text": "Cepat"}
    )

    assert len(form.answers) == 9
    assert form.education is None


@pytest.mark.parametrize("score", [0, 5, -1, 100])
def test_a_score_outside_one_to_four_is_422_naming_the_element(score: int) -> None:
    errors = invalid_fields({"answers": ALL_GOOD | {"U3": score}})

    assert [error["field"] for error in errors] == ["answers.U3"]
    assert errors[0]["reason"] != errors[0]["reason_en"]  # Indonesian and English


@pytest.mark.parametrize("score", [True, 2.5, "3"])
def test_a_score_must_be_a_whole_number_not_a_flag_or_text(score: Any) -> None:
    assert [error["field"] for error in invalid_fields({"answers": {"U1": score}})] == [
        "answers.U1"
    ]


def test_an_unknown_element_or_no_answer_at_all_is_refused() -> None:
    assert invalid_fields({"answers": {"U10": 3}})
    assert [error["field"] for error in invalid_fields({"answers": {}})] == ["answers"]


def test_an_officer_rating_is_one_to_five() -> None:
    fields = invalid_fields({"answers": ALL_GOOD, "officer_ref": "x", "officer_rating": 6})

    assert [error["field"] for error in fields] == ["officer_rating"]


@pytest.mark.parametrize(
    ("name", "value"), [("age_band", "99"), ("sex", "x"), ("education", "phd"), ("occupation", "")]
)
def test_profile_answers_come_from_the_official_options(name: str, value: str) -> None:
    assert [error["field"] for error in invalid_fields({"answers": ALL_GOOD, name: value})] == [
        name
    ]


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        (
            {"officer_ref": "a", "officer_nip": "199001010000000001", "officer_rating": 4},
            "officer_ref",
        ),
        ({"officer_ref": "a"}, "officer_rating"),
        ({"officer_rating": 4}, "officer_ref"),
    ],
)
def test_an_officer_rating_names_exactly_one_officer(fields: dict[str, Any], named: str) -> None:
    form = SurveyAnswers.model_validate({"answers": ALL_GOOD} | fields)

    with pytest.raises(DomainProblem) as raised:
        survey_form.check_officer_fields(form)

    assert (raised.value.status, raised.value.field) == (422, named)


def test_duplicates_are_recognised_whatever_the_order_case_or_spacing() -> None:
    first = SurveyAnswers.model_validate({"answers": {"U2": 4, "U1": 3}, "text": "Bagus  sekali"})
    again = SurveyAnswers.model_validate({"answers": {"U1": 3, "U2": 4}, "text": " bagus sekali"})
    other = SurveyAnswers.model_validate({"answers": {"U1": 3, "U2": 4}, "text": "Lambat"})

    assert survey_form.content_key(first, None) == survey_form.content_key(again, None)
    assert survey_form.content_key(first, None) != survey_form.content_key(other, None)
    assert survey_form.content_key(first, None) != survey_form.content_key(first, "1" * 18)


def test_the_form_lists_nine_elements_with_four_worded_answers_each() -> None:
    form = survey_form.form_definition()

    assert [element["element"] for element in form["elements"]] == [e.value for e in IkmElement]
    assert form["elements"][0]["label"] == "Persyaratan"
    assert form["elements"][0]["scale"][3] == {"value": 4, "label": "Sangat sesuai"}
    assert form["elements"][2]["scale"][0]["label"] == "Tidak cepat"  # worded per element
    assert len(form["officer_scale"]) == 5
    assert {"value": "perempuan", "label": "Perempuan"} in form["profile"]["sex"]


def test_a_period_covers_its_months() -> None:
    assert survey_form.months_of("2026-05") == ["2026-05"]
    assert survey_form.months_of("2026-Q2") == ["2026-04", "2026-05", "2026-06"]
    assert len(survey_form.months_of("2026")) == 12


def survey(answers: dict[str, int], **fields: Any) -> dict[str, Any]:
    return {"answers": answers, "period": "2026-03"} | fields


def test_the_summary_counts_answers_per_element_without_any_formula() -> None:
    officer = "199001010000000001"
    surveys = [
        survey({"U1": 4, "U2": 3}, sex="perempuan", officer_nip=officer, officer_rating=5),
        survey({"U1": 2}, sex="laki_laki", officer_nip=officer, officer_rating=2),
        survey({"U1": 4}),
    ]

    summary = survey_form.summarize(surveys, {officer: "Siti"})

    assert summary["responses"] == 3
    assert summary["elements"]["U1"] == {
        "answered": 3,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 2},
    }
    assert summary["elements"]["U9"]["answered"] == 0
    assert summary["profile"]["sex"] == {"laki_laki": 1, "perempuan": 1}
    assert summary["officers"] == [{"nip": officer, "name": "Siti", "ratings": 2, "mean": 3.5}]
    assert "officers" not in survey_form.summarize(surveys, None)


def test_rate_limits_count_per_client_and_per_unit_with_429() -> None:
    limiter = CitizenLimits("2/minute", "3/minute")
    limiter.hit_client("a")
    limiter.hit_client("a")
    limiter.hit_client("b")  # another device has its own budget

    with pytest.raises(DomainProblem) as client:
        limiter.hit_client("a")
    for _ in range(3):
        limiter.hit_unit("palangkaraya", "u1")
    with pytest.raises(DomainProblem) as unit:
        limiter.hit_unit("palangkaraya", "u1")

    assert (client.value.status, client.value.field) == (429, "client")
    assert (unit.value.status, unit.value.field) == (429, "unit_id")
    limiter.hit_unit("palangkaraya", "u2")


def test_client_hashes_are_keyed_and_the_address_comes_from_the_gateway() -> None:
    desk = citizen_desk(FeedbackSettings(environment="test"))
    other = citizen_desk(FeedbackSettings(environment="test", citizen_token_secret="x" * 40))
    request = Request(
        {
            "type": "http",
            "headers": [(b"x-forwarded-for", b"36.66.1.2, 10.0.0.1")],
            "client": ("10.0.0.1", 5000),
        }
    )

    assert client_address(request) == "36.66.1.2"
    assert desk.keyed_hash("client", "36.66.1.2") != other.keyed_hash("client", "36.66.1.2")
    assert "36.66.1.2" not in desk.keyed_hash("client", "36.66.1.2")


def test_survey_months_follow_the_regions_clock() -> None:
    desk = citizen_desk(FeedbackSettings(environment="test", local_utc_offset_hours=7))

    # 31 March 18:00 UTC is already 1 April in Palangka Raya (WIB).
    assert f"{desk.local(datetime(2026, 3, 31, 18, 0, tzinfo=UTC)):%Y-%m}" == "2026-04"


def test_the_ticket_sheet_has_one_qr_code_per_token_and_escapes_names() -> None:
    urls = [f"https://kinerja.example/survei/a.b.{n}" for n in range(3)]

    page = qr.ticket_sheet(
        unit_name="<Puskesmas & Co>",
        service_id="rawat-jalan",
        valid_until=datetime(2026, 3, 3, 8, 0),
        urls=urls,
    )

    assert page.count("<svg") == 3
    assert page.count(qr.CALL_TO_ACTION) == 3
    assert "&lt;Puskesmas &amp; Co&gt;" in page
    assert "<Puskesmas" not in page
    assert "03-03-2026 08:00" in page


async def test_the_gateway_forwards_citizen_routes_without_a_login_but_with_the_address() -> None:
    seen: list[httpx.Request] = []

    def feedback_service(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"survey_id": "s1"})

    gateway = create_gateway(
        GatewaySettings(environment="test"), transport=httpx.MockTransport(feedback_service)
    )
    transport = httpx.ASGITransport(gateway, client=("36.66.1.2", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        answer = await client.post("/api/v1/citizen/survey/a.b.c", json={"answers": {"U1": 4}})
        garbled = await client.get("/api/v1/citizen/survey/..")
        staff_only = await client.get("/api/v1/complaints")

    assert answer.status_code == 201
    [forwarded] = seen
    assert forwarded.url.path == "/citizen/survey/a.b.c"
    assert "authorization" not in forwarded.headers
    assert forwarded.headers["x-forwarded-for"] == "36.66.1.2"
    assert garbled.status_code in (404, 422)
    assert staff_only.status_code == 401
