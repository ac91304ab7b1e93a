"""The 7 BerAKHLAK core values with their official behaviour guides (SE MenPAN-RB 20/2021).

Shared reference data: plans show them as behaviour expectations, 360 forms ask about them.
"""

from typing import NamedTuple

from contracts.vocabulary import BerakhlakValue


class CoreValue(NamedTuple):
    """A value's label and its three official behaviour guides, in Indonesian and English."""

    label: str
    label_en: str
    guides: tuple[str, str, str]
    guides_en: tuple[str, str, str]


CORE_VALUES: dict[BerakhlakValue, CoreValue] = {
    BerakhlakValue.BERORIENTASI_PELAYANAN: CoreValue(
        "Berorientasi Pelayanan",
        "Service oriented",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
        (
            "Understands and meets the public's needs",
            "Friendly, quick, solution-minded and reliable",
            "Improves without pause",
        ),
    ),
    BerakhlakValue.AKUNTABEL: CoreValue(
        "Akuntabel",
        "Accountable",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
            "berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
        (
            "Works honestly, responsibly, carefully, with discipline and high integrity",
            "Uses state assets responsibly, effectively and efficiently",
            "Does not abuse the authority of the post",
        ),
    ),
    BerakhlakValue.KOMPETEN: CoreValue(
        "Kompeten",
        "Competent",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
        (
            "Builds own competence to meet ever-changing challenges",
            "Helps others learn",
            "Works to the best quality",
        ),
    ),
    BerakhlakValue.HARMONIS: CoreValue(
        "Harmonis",
        "Harmonious",
        (
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
        (
            "Respects everyone whatever their background",
            "Likes to help others",
            "Builds a good working environment",
        ),
    ),
    BerakhlakValue.LOYAL: CoreValue(
        "Loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan "
            "yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
        (
            "Upholds Pancasila and the 1945 Constitution, loyal to the Republic and its lawful "
            "government",
            "Guards the good name of fellow ASN, leaders, the agency and the state",
            "Keeps the secrets of the post and the state",
        ),
    ),
    BerakhlakValue.ADAPTIF: CoreValue(
        "Adaptif",
        "Adaptive",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
        (
            "Adapts quickly to change",
            "Keeps innovating and developing creativity",
            "Acts proactively",
        ),
    ),
    BerakhlakValue.KOLABORATIF: CoreValue(
        "Kolaboratif",
        "Collaborative",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
        (
            "Gives all parties the chance to contribute",
            "Open to working together to add value",
            "Mobilises resources for shared goals",
        ),
    ),
}
