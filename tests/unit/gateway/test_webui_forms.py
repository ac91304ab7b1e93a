"""Forms: service refusals land on the inputs they are about; the SKP form maps rows both ways."""

from gateway.webui.calls import Answer
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator
from gateway.webui.skp_form import body_from_values, shape, values_from_plan

T = Translator("id")


def refused(*errors: dict[str, str], detail: str = "Data tidak valid") -> Answer:
    return Answer(422, {"detail": detail, "detail_en": "Invalid", "errors": list(errors)})


def test_an_error_goes_next_to_its_input_in_the_persons_language() -> None:
    form = Form(values={"reason": "x"})

    form.refuse(
        refused({"field": "reason", "reason": "terlalu pendek", "reason_en": "too short"}), T
    )

    assert form.errors == {"reason": "terlalu pendek"}
    assert Form(values={"reason": "x"}).refuse(
        refused({"field": "reason", "reason": "terlalu pendek", "reason_en": "too short"}),
        Translator("en"),
    ).errors == {"reason": "too short"}


def test_an_item_of_a_list_is_shown_on_the_list_input() -> None:
    form = Form(values={"evidence": "a\\nb"})

    form.refuse(refused({"field": "evidence.1", "reason": "bukan tautan"}), T)

    assert form.errors == {"evidence": "bukan tautan"}


def test_errors_without_an_input_go_to_the_summary() -> None:
    form = Form(values={"reason": "x"})

    form.refuse(refused({"field": "year", "reason": "tahun ditutup"}), T)

    assert form.errors == {}
    assert form.summary == ["tahun ditutup"]


def test_a_list_refused_for_its_refused_item_is_not_repeated() -> None:
    form = Form(values={"rhk.0.iki.0.target": "tiga"})

    form.refuse(
        refused(
            {"field": "rhk.0.iki.0.target", "reason": "harus berupa angka"},
            {"field": "rhk.0.iki", "reason": "jumlah item terlalu sedikit"},
        ),
        T,
    )

    assert form.errors == {"rhk.0.iki.0.target": "harus berupa angka"}
    assert form.summary == []


def test_a_refusal_without_field_errors_shows_its_detail() -> None:
    form = Form().refuse(refused(detail="Rencana sudah diajukan"), T)

    assert form.summary == ["Rencana sudah diajukan"]


def test_a_stored_plan_round_trips_through_the_form() -> None:
    plan = [
        {
            "rhk_id": "rhk-1",
            "title": "Pelayanan",
            "kind": "utama",
            "parent_rhk_id": "rhk-9",
            "iki": [
                {
                    "iki_id": "iki-1",
                    "name": "Pasien",
                    "aspek": "kuantitas",
                    "target": 1200.0,
                    "unit": "orang",
                }
            ],
        }
    ]

    body = body_from_values(values_from_plan(plan))

    assert body.rhk == plan


def test_empty_rows_are_left_out_and_errors_map_back_to_the_rows_shown() -> None:
    values = {
        "rhk.0.title": "A",
        "rhk.0.kind": "utama",
        "rhk.1.kind": "utama",  # an untouched spare block: only its selects have values
        "rhk.2.title": "C",
        "rhk.2.iki.0.aspek": "kuantitas",
        "rhk.2.iki.1.name": "Laporan",
        "rhk.2.iki.1.target": "tiga",
    }

    body = body_from_values(values)

    assert [item["title"] for item in body.rhk] == ["A", "C"]
    assert body.rhk[1]["iki"] == [{"iki_id": "iki-1", "name": "Laporan", "target": "tiga"}]
    assert body.rhk[1]["rhk_id"] == "rhk-2"
    assert body.shown_path("rhk.1.iki.0.target") == "rhk.2.iki.1.target"
    assert body.shown_path("rhk.0.title") == "rhk.0.title"


def test_the_form_offers_a_spare_row_and_a_spare_block() -> None:
    assert shape({}) == [2]
    assert shape({"rhk.0.title": "A", "rhk.0.iki.0.name": "x"}) == [2, 2]
