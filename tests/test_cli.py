"""The `mutu` command: help for every command, happy paths, and one clear line for user errors."""
import json

import pandas as pd
import pytest

from classifier.cli import build_parser, main

COMMANDS = ["train", "evaluate", "classify", "score", "serve", "data", "models", "labels", "retrain", "suggest"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mutu " + command in capsys.readouterr().out


def test_the_parser_knows_every_command():
    assert set(build_parser()._subparsers._group_actions[0].choices) == set(COMMANDS)


def test_classify_one_text(registry_dir, capsys):
    assert main(["classify", "Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin"]) == 0
    assert capsys.readouterr().out.startswith("ucapan")


def test_classify_a_file_keeps_its_other_columns(registry_dir, tmp_path, capsys):
    source = tmp_path / "posts.csv"
    pd.DataFrame({"id": [7, 8, 9], "caption": ["Selamat Natal", "Jadwal SIM keliling pukul 08.00", " "]}).to_csv(source, index=False)
    out = tmp_path / "pred.csv"
    assert main(["classify", "--input", str(source), "--output", str(out), "--text-col", "caption"]) == 0
    result = pd.read_csv(out, keep_default_na=False)
    assert list(result["id"]) == [7, 8, 9]
    assert {"label", "p_kinerja", "p_layanan", "p_ucapan", "model_version"} <= set(result.columns)
    assert result.loc[2, "label"] == ""  # blank text: kept, not labelled
    assert "2 postingan diklasifikasi, 1 tanpa teks" in capsys.readouterr().out


def test_missing_file_is_one_line_and_exit_1(registry_dir, tmp_path, capsys):
    assert main(["classify", "--input", str(tmp_path / "nope.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mutu: ") and "no such file" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_missing_column_tells_how_to_name_it(registry_dir, tmp_path, capsys):
    source = tmp_path / "posts.csv"
    pd.DataFrame({"isi_post": ["a"]}).to_csv(source, index=False)
    assert main(["classify", "--input", str(source)]) == 1
    assert "--text-col" in capsys.readouterr().err


def test_unknown_model_version_lists_the_known_ones(registry_dir, capsys):
    assert main(["classify", "--model", "v404", "Selamat pagi"]) == 1
    assert "v001" in capsys.readouterr().err


def test_evaluate_json_is_machine_readable(registry_dir, tmp_path, capsys, small_frame):
    path = tmp_path / "eval.csv"
    small_frame.to_csv(path, index=False)
    assert main(["evaluate", "--data", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "v001" and 0 <= result["overall"]["f1_macro"] <= 1
    assert result["confusion"]["labels"] == ["kinerja", "layanan", "ucapan"]


def test_score_prints_an_indonesian_summary_and_writes_the_report(registry_dir, tmp_path, capsys):
    source = tmp_path / "feed.csv"
    pd.DataFrame({"agency": ["Dinkes", "Dinkes", "Camat"], "posted_at": ["2026-01-01", "2026-01-03", "2026-01-02"],
                  "text": ["Jadwal vaksinasi pukul 08.00", "Perbaikan jalan selesai", ""]}).to_csv(source, index=False)
    assert main(["score", str(source), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "kolom yang dipakai" in out and "Postingan masuk 3 = dinilai 2 + ditolak 1" in out
    assert (tmp_path / "out" / "report.html").exists()


def test_score_refuses_a_bad_date_option(registry_dir, tmp_path, capsys):
    assert main(["score", "x.csv", "--out", str(tmp_path), "--since", "kemarin"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_models_list_marks_current(registry_dir, capsys):
    assert main(["models", "list"]) == 0
    assert capsys.readouterr().out.startswith("* v001")
