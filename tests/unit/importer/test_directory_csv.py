"""Reading a directory export: everything or nothing, every problem with its line."""

import io
from pathlib import Path

from importer.chain import chain_problems
from importer.cli import check
from importer.directory_csv import read_directory
from tests import factories

EXAMPLE = Path(__file__).parents[3] / "tools/importer/examples/directory-example.csv"
HEADER = "nip,name,unit_id,unit_name,position_type,supervisor_nip\n"
BOSS, STAFF, OTHER = "197801012005011001", "199203102015032003", "199407222019031004"


def problems_of(text: str) -> list[str]:
    result = read_directory(io.StringIO(text), "palangkaraya")
    result.problems.extend(chain_problems(result.employees, result.lines))
    return [str(problem) for problem in result.problems]


def test_the_example_export_is_accepted() -> None:
    result = check(EXAMPLE, "palangkaraya")
    assert result.accepted
    assert (len(result.units), len(result.employees)) == (2, 4)
    assert {unit.unit_id: unit.parent_unit_id for unit in result.units} == {
        "dinkes": None,
        "pkm-pahandut": "dinkes",
    }


def test_a_generated_export_of_hundreds_is_accepted() -> None:
    result = read_directory(io.StringIO(factories.directory_csv()), "palangkaraya")
    assert result.accepted
    assert len(result.employees) == 1 + 6 + 6 * 48


def test_a_bad_nip_is_reported_with_its_line_and_column() -> None:
    problems = problems_of(
        HEADER + f"{BOSS},Boss,u,Unit,jpt,\n1234,Staff,u,Unit,pelaksana,{BOSS}\n"
    )
    assert len(problems) == 1
    assert problems[0].startswith("baris 3, kolom nip:")


def test_missing_required_columns_reject_the_file_at_once() -> None:
    problems = problems_of("nip,name\n" + f"{BOSS},Boss\n")
    assert problems == [
        "baris 1: kolom wajib tidak ada: unit_id, unit_name, position_type / "
        "line 1: required columns missing: unit_id, unit_name, position_type"
    ]


def test_a_duplicate_nip_names_the_first_line() -> None:
    problems = problems_of(HEADER + f"{BOSS},A,u,Unit,jpt,\n{BOSS},B,u,Unit,jpt,\n")
    assert problems == [
        "baris 3, kolom nip: NIP ganda (juga di baris 2) / line 3, column nip: duplicate NIP (also line 2)"
    ]


def test_a_supervisor_outside_the_file_is_reported() -> None:
    problems = problems_of(HEADER + f"{STAFF},Staff,u,Unit,pelaksana,{BOSS}\n")
    assert len(problems) == 1
    assert f"atasan {BOSS} tidak ada di berkas" in problems[0]


def test_a_supervisor_cycle_is_reported_once_with_its_path() -> None:
    rows = f"{BOSS},A,u,Unit,jpt,{STAFF}\n{STAFF},B,u,Unit,pelaksana,{OTHER}\n{OTHER},C,u,Unit,pelaksana,{BOSS}\n"
    problems = problems_of(HEADER + rows)
    assert len(problems) == 1
    assert "rantai atasan berputar" in problems[0]
    assert problems[0].startswith("baris 2,")


def test_a_unit_described_two_ways_is_reported() -> None:
    problems = problems_of(
        HEADER + f"{BOSS},A,u,Unit,jpt,\n{STAFF},B,u,Another name,pelaksana,{BOSS}\n"
    )
    assert len(problems) == 1
    assert "baris 3, kolom unit_name" in problems[0]


def test_unknown_position_types_and_yes_no_words_are_refused() -> None:
    text = "nip,name,unit_id,unit_name,position_type,active\n" + f"{BOSS},A,u,Unit,kepala,mungkin\n"
    columns = {problem.split(",")[1].split(":")[0].strip() for problem in problems_of(text)}
    assert columns == {"kolom active", "kolom position_type"}


def test_excel_byte_order_marks_are_understood(tmp_path: Path) -> None:
    with_bom = tmp_path / "excel.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert check(with_bom, "palangkaraya").accepted


def test_a_units_head_is_its_one_member_reporting_outside_the_unit() -> None:
    result = read_directory(io.StringIO(HEADS), "palangkaraya")
    heads = {unit.unit_id: unit.head_nip for unit in result.units}
    assert heads == {"dinas": "197801012005011001", "bid": "198505152010012002", "duo": None}


HEADS = """nip,name,unit_id,unit_name,parent_unit_id,position_type,supervisor_nip
197801012005011001,Kepala,dinas,Dinas,,jpt,
198505152010012002,Kabid,bid,Bidang,dinas,administrator,197801012005011001
199203102015032003,Staf,bid,Bidang,dinas,pelaksana,198505152010012002
199407222019031004,Satu,duo,Dua Kepala,,pelaksana,197801012005011001
199407222019031005,Dua,duo,Dua Kepala,,pelaksana,197801012005011001
"""
