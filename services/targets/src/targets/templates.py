"""Ready IKI templates from our users' sectors (domain.md section 7), offered while planning."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from contracts.vocabulary import Aspek, Direction


class Sector(StrEnum):
    """Sectors our regions asked for first."""

    KESEHATAN = "kesehatan"
    PENDIDIKAN = "pendidikan"
    INFRASTRUKTUR = "infrastruktur"
    PELAYANAN = "pelayanan"


class IkiTemplate(BaseModel):
    """A suggested indicator: the planner still sets the target for their own unit."""

    model_config = ConfigDict(frozen=True)

    code: str
    sector: Sector
    name: str
    name_en: str
    aspek: Aspek
    unit: str
    direction: Direction


def _t(
    code: str, sector: Sector, name: str, name_en: str, aspek: Aspek, unit: str, lower: bool = False
) -> IkiTemplate:
    direction = Direction.LOWER_IS_BETTER if lower else Direction.HIGHER_IS_BETTER
    return IkiTemplate(
        code=code,
        sector=sector,
        name=name,
        name_en=name_en,
        aspek=aspek,
        unit=unit,
        direction=direction,
    )


TEMPLATES: tuple[IkiTemplate, ...] = (
    _t(
        "kes-imunisasi",
        Sector.KESEHATAN,
        "Cakupan imunisasi dasar lengkap",
        "Complete basic immunisation coverage",
        Aspek.KUANTITAS,
        "persen",
    ),
    _t(
        "kes-pasien",
        Sector.KESEHATAN,
        "Jumlah pasien yang dilayani",
        "Patients served",
        Aspek.KUANTITAS,
        "orang",
    ),
    _t(
        "kes-kepuasan",
        Sector.KESEHATAN,
        "Indeks kepuasan pasien",
        "Patient satisfaction index",
        Aspek.KUALITAS,
        "indeks",
    ),
    _t(
        "kes-pengaduan",
        Sector.KESEHATAN,
        "Waktu tanggap pengaduan pasien",
        "Patient complaint response time",
        Aspek.WAKTU,
        "hari",
        lower=True,
    ),
    _t(
        "pend-kelulusan",
        Sector.PENDIDIKAN,
        "Persentase siswa lulus ujian",
        "Share of students passing exams",
        Aspek.KUALITAS,
        "persen",
    ),
    _t(
        "pend-kehadiran",
        Sector.PENDIDIKAN,
        "Tingkat kehadiran siswa",
        "Student attendance rate",
        Aspek.KUANTITAS,
        "persen",
    ),
    _t(
        "infra-tahapan",
        Sector.INFRASTRUKTUR,
        "Tahapan proyek selesai tepat waktu",
        "Project milestones completed on time",
        Aspek.WAKTU,
        "persen",
    ),
    _t(
        "infra-serapan",
        Sector.INFRASTRUKTUR,
        "Realisasi anggaran proyek",
        "Project budget realisation",
        Aspek.BIAYA,
        "persen",
    ),
    _t(
        "layanan-waktu",
        Sector.PELAYANAN,
        "Rata-rata waktu penyelesaian layanan",
        "Average service completion time",
        Aspek.WAKTU,
        "menit",
        lower=True,
    ),
    _t(
        "layanan-pengaduan",
        Sector.PELAYANAN,
        "Pengaduan diselesaikan tepat waktu",
        "Complaints resolved on time",
        Aspek.KUALITAS,
        "persen",
    ),
)


def templates_for(sector: Sector | None) -> list[IkiTemplate]:
    """Every template, or one sector's."""
    return [template for template in TEMPLATES if sector is None or template.sector is sector]
