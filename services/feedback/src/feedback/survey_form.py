"""The IKM survey as citizens see it (PermenPAN-RB 14/2017 wording) and its rules, free of I/O."""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from contracts.vocabulary import Identifier, IkmElement, Nip
from kit.problems import DomainProblem

ServiceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
"""A unit's own name for one of its services (``rawat-jalan``): it travels in tokens and URLs."""

# element -> (label, question, the four answers from worst (1) to best (4))
ELEMENTS: dict[IkmElement, tuple[str, str, tuple[str, str, str, str]]] = {
    IkmElement.U1: (
        "Persyaratan",
        "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    IkmElement.U2: (
        "Sistem, mekanisme, dan prosedur",
        "Bagaimana kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    IkmElement.U3: (
        "Waktu penyelesaian",
        "Bagaimana kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    IkmElement.U4: (
        "Biaya/tarif",
        "Bagaimana kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    IkmElement.U5: (
        "Produk spesifikasi jenis pelayanan",
        "Bagaimana kesesuaian hasil pelayanan dengan yang tercantum dalam standar pelayanan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    IkmElement.U6: (
        "Kompetensi pelaksana",
        "Bagaimana kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    IkmElement.U7: (
        "Perilaku pelaksana",
        "Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    IkmElement.U8: (
        "Sarana dan prasarana",
        "Bagaimana kualitas sarana dan prasarana pelayanan?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
    IkmElement.U9: (
        "Penanganan pengaduan, saran dan masukan",
        "Bagaimana penanganan pengaduan pengguna layanan?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
}
OFFICER_SCALE = ("Sangat buruk", "Buruk", "Cukup", "Baik", "Sangat baik")


class AgeBand(StrEnum):
    """Respondent age bands of the official survey report."""

    UNDER_20 = "lt20"
    FROM_20_TO_29 = "20_29"
    FROM_30_TO_39 = "30_39"
    FROM_40_TO_49 = "40_49"
    FROM_50_TO_59 = "50_59"
    FROM_60 = "60_plus"


class Sex(StrEnum):
    """Jenis kelamin."""

    LAKI_LAKI = "laki_laki"
    PEREMPUAN = "perempuan"


class Education(StrEnum):
    """Pendidikan terakhir."""

    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    DIPLOMA = "diploma"
    S1 = "s1"
    S2 = "s2"
    S3 = "s3"


class Occupation(StrEnum):
    """Pekerjaan utama."""

    PNS = "pns"
    TNI = "tni"
    POLRI = "polri"
    SWASTA = "swasta"
    WIRAUSAHA = "wirausaha"
    PELAJAR_MAHASISWA = "pelajar_mahasiswa"
    LAINNYA = "lainnya"


PROFILE_LABELS: dict[str, dict[str, str]] = {
    "age_band": {
        "lt20": "Di bawah 20 tahun",
        "20_29": "20-29 tahun",
        "30_39": "30-39 tahun",
        "40_49": "40-49 tahun",
        "50_59": "50-59 tahun",
        "60_plus": "60 tahun ke atas",
    },
    "sex": {"laki_laki": "Laki-laki", "perempuan": "Perempuan"},
    "education": {
        "sd": "SD ke bawah",
        "smp": "SMP",
        "sma": "SMA/SMK",
        "diploma": "D1-D4",
        "s1": "S1",
        "s2": "S2",
        "s3": "S3",
    },
    "occupation": {
        "pns": "PNS",
        "tni": "TNI",
        "polri": "POLRI",
        "swasta": "Pegawai swasta",
        "wirausaha": "Wirausaha",
        "pelajar_mahasiswa": "Pelajar/mahasiswa",
        "lainnya": "Lainnya",
    },
}
PROFILE_FIELDS = tuple(PROFILE_LABELS)


class SurveyAnswers(BaseModel):
    """What a citizen sends: 1-4 per element (skipping allowed), optional officer rating and profile."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[IkmElement, Annotated[StrictInt, Field(ge=1, le=4)]] = Field(min_length=1)
    # The officer as the form lists them (``ref``), or their NIP when a kiosk knows it.
    officer_ref: Identifier | None = None
    officer_nip: Nip | None = None
    officer_rating: Annotated[StrictInt, Field(ge=1, le=5)] | None = None
    age_band: AgeBand | None = None
    sex: Sex | None = None
    education: Education | None = None
    occupation: Occupation | None = None
    text: str | None = Field(default=None, max_length=2000)


def check_officer_fields(form: SurveyAnswers) -> None:
    """An officer rating names exactly one officer, and a named officer gets a rating (422)."""
    named = (form.officer_ref is not None) + (form.officer_nip is not None)
    if named > 1:
        raise DomainProblem(
            422,
            field="officer_ref",
            reason_id="Pilih petugas dengan officer_ref atau officer_nip, bukan keduanya",
            reason_en="Name the officer with officer_ref or officer_nip, not both",
        )
    if named and form.officer_rating is None:
        raise DomainProblem(
            422,
            field="officer_rating",
            reason_id="Beri nilai 1-5 untuk petugas yang dipilih",
            reason_en="Rate the chosen officer from 1 to 5",
        )
    if not named and form.officer_rating is not None:
        raise DomainProblem(
            422,
            field="officer_ref",
            reason_id="Pilih petugas yang dinilai",
            reason_en="Choose the officer being rated",
        )


def duplicate_survey() -> DomainProblem:
    """409: the same answers from the same device moments ago (ballot stuffing, or a double tap)."""
    return DomainProblem(
        409,
        field="answers",
        reason_id="Jawaban yang sama baru saja dikirim dari perangkat ini",
        reason_en="The same answers were just sent from this device",
    )


def content_key(form: SurveyAnswers, officer_nip: str | None) -> str:
    """The answers, officer rating and text in one canonical string (for duplicate detection)."""
    canonical = {
        "answers": {element.value: value for element, value in sorted(form.answers.items())},
        "officer": officer_nip,
        "rating": form.officer_rating,
        "text": " ".join((form.text or "").lower().split()),
    }
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"))


def form_definition() -> dict[str, Any]:
    """The nine elements with their Indonesian questions and answer labels, and profile options."""
    return {
        "elements": [
            {
                "element": element.value,
                "label": label,
                "question": question,
                "scale": [{"value": value, "label": text} for value, text in enumerate(scale, 1)],
            }
            for element, (label, question, scale) in ELEMENTS.items()
        ],
        "officer_scale": [
            {"value": value, "label": text} for value, text in enumerate(OFFICER_SCALE, 1)
        ],
        "profile": {
            name: [{"value": value, "label": label} for value, label in options.items()]
            for name, options in PROFILE_LABELS.items()
        },
    }


def months_of(period: str) -> list[str]:
    """The ``YYYY-MM`` months a period covers: ``2026``, ``2026-Q2`` or ``2026-05``."""
    year = period[:4]
    if len(period) == 4:
        return [f"{year}-{month:02d}" for month in range(1, 13)]
    if period[5] == "Q":
        first = (int(period[6]) - 1) * 3 + 1
        return [f"{year}-{month:02d}" for month in range(first, first + 3)]
    return [period]


def summarize(
    surveys: Iterable[dict[str, Any]], officer_names: dict[str, str] | None
) -> dict[str, Any]:
    """Raw counts per element and answer, profile counts, and (if asked) officer ratings.

    No IKM formula here: scoring owns it. ``officer_names`` None leaves officers out.
    """
    distribution: dict[str, Counter[int]] = {element.value: Counter() for element in IkmElement}
    profile: dict[str, Counter[str]] = {name: Counter() for name in PROFILE_FIELDS}
    ratings: dict[str, list[int]] = defaultdict(list)
    responses = 0
    for survey in surveys:
        responses += 1
        for element, value in survey["answers"].items():
            distribution[element][int(value)] += 1
        for name in PROFILE_FIELDS:
            if survey.get(name):
                profile[name][survey[name]] += 1
        if survey.get("officer_nip") and survey.get("officer_rating"):
            ratings[survey["officer_nip"]].append(int(survey["officer_rating"]))
    summary: dict[str, Any] = {
        "responses": responses,
        "elements": {
            element: {
                "answered": sum(counts.values()),
                "distribution": {str(value): counts[value] for value in range(1, 5)},
            }
            for element, counts in distribution.items()
        },
        "profile": {name: dict(sorted(counts.items())) for name, counts in profile.items()},
    }
    if officer_names is not None:
        summary["officers"] = [
            {
                "nip": nip,
                "name": officer_names.get(nip, ""),
                "ratings": len(values),
                "mean": sum(values) / len(values),
            }
            for nip, values in sorted(ratings.items())
        ]
    return summary
