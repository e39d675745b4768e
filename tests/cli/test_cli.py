"""The ``hoso`` command as a secretary or a script uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
TODAY = "2023-07-03"  # inside the Cao Bằng upload window


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(tmp_path, capsys) -> Path:
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path / "demo"))
    assert code == 0, out
    return tmp_path / "demo"


def test_demo_writes_three_dossiers_that_validate_clean(demo_dir, capsys):
    files = sorted(demo_dir.glob("*.json"))
    assert len(files) == 3
    for file in files:
        code, out, err = run(capsys, "validate", str(file), "--today", TODAY)
        assert code == 0, out + err
        assert "0 lỗi" in out
        assert "LỖI " not in out


def test_validate_json_lists_findings_with_both_languages(demo_dir, capsys):
    file = next(demo_dir.glob("*.json"))
    code, out, _ = run(capsys, "validate", str(file), "--json", "--today", "2023-07-20")
    assert code == 0
    findings = json.loads(out)
    assert isinstance(findings, list) and findings
    for f in findings:
        assert {"code", "severity", "path", "message_vi", "message_en"} <= f.keys()
        assert f["severity"] in {"error", "warning", "info"}
    # After the upload window the dossier is late: a warning, not an error.
    assert "warning" in {f["severity"] for f in findings}


def test_validate_reports_errors_in_vietnamese_with_exit_1(demo_dir, tmp_path, capsys):
    data = json.loads(next(demo_dir.glob("*.json")).read_text(encoding="utf-8"))
    data["nominees"].append(json.loads(json.dumps(data["nominees"][0])))  # a duplicate nominee
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(broken), "--today", TODAY)
    assert code == 1
    assert "LỖI" in out
    assert "Hồ sơ chưa thể xuất" in out


def test_field_type_errors_are_findings_naming_the_field(demo_dir, tmp_path, capsys):
    data = json.loads(next(demo_dir.glob("*.json")).read_text(encoding="utf-8"))
    person = next(n for n in data["nominees"] if "birth_year" in n or "head_birth_year" in n)
    key = "birth_year" if "birth_year" in person else "head_birth_year"
    person[key] = "năm tám mươi"
    broken = tmp_path / "typed.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 2, err  # the input is no dossier (README: exit codes); fields named
    assert "Năm sinh" in out
    assert "Traceback" not in out + err


def test_english_output(demo_dir, capsys):
    file = next(demo_dir.glob("*.json"))
    code, out, _ = run(capsys, "--lang", "en", "validate", str(file), "--today", TODAY)
    assert code == 0
    assert "Result: 0 errors" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "Không tìm thấy tệp"),
        (b"{ not json", "không phải JSON hợp lệ (lỗi ở dòng 1"),
        (b"\xff\xfe\x00garbage", "không phải văn bản UTF-8"),
        (b"[1, 2]", "nội dung phải là một đối tượng JSON"),
        (b'{"schema_version": 99, "id": "x"}', "phiên bản định dạng hồ sơ “99”"),
        (b'{"schema_version": 1, "id": "x"}', "không ghi gói đợt thi đua"),
        (b'{"schema_version": 1, "id": "x", "pack": {"id": "khong-co", "version": "1.0.0"}}',
         "Không tìm thấy gói đợt thi đua “khong-co”"),
    ],
    ids=["missing", "malformed", "not-utf8", "not-object", "schema-version", "no-pack",
         "unknown-pack"],
)
def test_bad_input_gives_one_vietnamese_line_and_exit_2(tmp_path, capsys, content, expected):
    file = tmp_path / "input.json"
    if content is not None:
        file.write_bytes(content)
    code, out, err = run(capsys, "validate", str(file))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert expected in err


def test_bad_date_and_unknown_command_exit_2(capsys):
    code, _, err = run(capsys, "validate", "x.json", "--today", "03/07/2023")
    assert code == 2 and "NĂM-THÁNG-NGÀY" in err
    code, _, err = run(capsys, "lam-gi-do")
    assert code == 2 and err.startswith("Lệnh không hợp lệ")


def test_packs_lists_installed_and_extra_packs(capsys):
    code, out, _ = run(capsys, "packs")
    assert code == 0
    assert "caobang-2023-75nam" in out
    extra = [p.parent.parent for p in (REPO / "tests" / "packs").glob("*/pack.toml")]
    if extra:
        code, out, _ = run(capsys, "--packs-dir", str(extra[0]), "packs", "--json")
        ids = {p["id"] for p in json.loads(out)}
        assert "caobang-2023-75nam" in ids and len(ids) >= 2



def test_entry_point_has_no_traceback_on_bad_input(tmp_path):
    """The installed ``hoso`` script, as a secretary's shell runs it."""
    hoso = Path(sys.executable).with_name("hoso")
    command = [str(hoso)] if hoso.exists() else [sys.executable, "-m", "desktop"]
    result = subprocess.run([*command, "validate", str(tmp_path / "khong-co.json")],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Không tìm thấy tệp" in result.stderr
    version = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             check=False)
    assert version.returncode == 0 and version.stdout.startswith("HoSo ")


def test_every_subcommand_is_known_before_its_module_is_loaded(capsys):
    """``hoso`` alone (the window) skips the subcommands' modules; the list of their names
    must match what the modules register, or a command would not be found."""
    from desktop.cli import COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_an_option_value_named_like_a_command_still_opens_the_window():
    from desktop.cli import build_parser, run_gui

    args = build_parser().parse_args(["--data-dir", "demo"])
    assert args.run is run_gui and args.data_dir == "demo"


def test_argparse_own_words_follow_the_language(capsys):
    """Usage, the help option and argparse's errors in Vietnamese; English with --lang en."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: hoso")
    assert "tùy chọn:" in out and "hiện hướng dẫn này rồi thoát" in out
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert err.strip() == "Lệnh không hợp lệ: thiếu đối số bắt buộc: file. Xem “hoso --help”."
    code, _, err = run(capsys, "--lang", "xx")
    assert "lựa chọn không hợp lệ: 'xx' (chọn một trong: 'vi', 'en')" in err
    code, _, err = run(capsys, "--lang", "en", "validate")
    assert err.strip() == ("Invalid command: the following arguments are required: file. "
                           "See “hoso --help”.")
