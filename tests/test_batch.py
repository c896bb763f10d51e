"""The batch job: every input format, rejected rows, counts that add up, report files readable."""
import json

import pandas as pd
import pytest

from classifier import DataError, load_model
from classifier.batch import parse_dates, score_files
from classifier.io import read_posts
from classifier.report import write_report
from classifier.scoring import ScoreSettings

FEED = pd.DataFrame(
    {
        "agency": ["Dinkes A", "Dinkes A", "Dinkes A", "Kecamatan B", "Kecamatan B", "Kecamatan B"],
        "posted_at": ["2026-01-05", "2026-01-12T08:00:00", "2026-02-03", "2026-01-07", "bukan tanggal", "2026-02-10"],
        "text": [
            "Penyaluran bantuan sosial kepada 350 keluarga di Kecamatan Barat",
            "Jadwal vaksinasi gratis Sabtu pukul 08.00 di Puskesmas, bawa KTP",
            "Perbaikan jalan rusak sepanjang 2 km selesai dikerjakan",
            "Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin",
            "Selamat pagi warga, selamat beraktivitas",
            "",
        ],
    }
)


@pytest.fixture()
def model(registry_dir):
    return load_model()


def _write(feed: pd.DataFrame, path):
    kind = path.suffix
    if kind == ".csv":
        feed.to_csv(path, index=False)
    elif kind == ".jsonl":
        feed.to_json(path, orient="records", lines=True, force_ascii=False)
    elif kind == ".parquet":
        feed.to_parquet(path)
    elif kind == ".xlsx":
        feed.to_excel(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".xlsx"])
def test_every_tabular_format_scores_the_same(model, tmp_path, suffix):
    path = _write(FEED, tmp_path / f"feed{suffix}")
    result = score_files([path], model, tmp_path / "out")
    assert (result.posts_in, result.scored, result.rejected) == (6, 4, 2)
    assert result.rejected_reasons == {"tanggal tidak terbaca": 1, "teks kosong": 1}
    assert set(result.agencies["agency"]) == {"Dinkes A", "Kecamatan B"}


def test_apify_instagram_export_is_read(tmp_path):
    items = [{"caption": "Selamat Hari Guru", "ownerUsername": "disdik_x", "timestamp": "2026-03-01T02:00:00.000Z", "likesCount": 3}]
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(items))
    columns, chunks = read_posts(path)
    chunk = next(chunks)
    assert (columns.text, columns.agency, columns.date) == ("caption", "ownerUsername", "timestamp")
    assert chunk.loc[0, "agency"] == "disdik_x" and chunk.loc[0, "text"] == "Selamat Hari Guru"


def test_instaloader_post_json_is_read(tmp_path):
    post = {"node": {"edge_media_to_caption": {"edges": [{"node": {"text": "Jadwal SIM keliling"}}]},
                     "owner": {"username": "dishub_y"}, "taken_at_timestamp": 1767225600}}
    path = tmp_path / "2026-01-01_00-00-00_UTC.json"
    path.write_text(json.dumps(post))
    _, chunks = read_posts(path)
    chunk = next(chunks)
    assert chunk.loc[0, "text"] == "Jadwal SIM keliling" and chunk.loc[0, "agency"] == "dishub_y"
    assert parse_dates(chunk["posted_at"])[0] == pd.Timestamp("2026-01-01")


def test_named_columns_are_used(model, tmp_path):
    feed = FEED.rename(columns={"text": "Isi Postingan", "agency": "Akun OPD", "posted_at": "Tgl"})
    path = _write(feed, tmp_path / "feed.csv")
    result = score_files([path], model, tmp_path / "out", text_col="Isi Postingan", agency_col="Akun OPD", date_col="Tgl")
    assert result.scored == 4


def test_missing_text_column_is_an_error_naming_the_file(tmp_path):
    path = _write(FEED.drop(columns="text"), tmp_path / "feed.csv")
    with pytest.raises(DataError, match=r"feed\.csv.*--text-col"):
        read_posts(path)


def test_broken_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "a", "agency": "x"}\n{"text": "b", agency}\n')
    with pytest.raises(DataError, match=r"feed\.jsonl: line 2"):
        read_posts(path)


def test_bad_encoding_is_reported(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"text,agency\nSelamat pagi,Dinas\n" + "Caf\xe9,x\n".encode("latin-1"))
    with pytest.raises(DataError, match="UTF-8"):
        _, chunks = read_posts(path)
        list(chunks)


def test_period_filters_send_posts_outside_to_rejected(model, tmp_path):
    path = _write(FEED, tmp_path / "feed.csv")
    settings = ScoreSettings(since=pd.Timestamp("2026-02-01"), until=pd.Timestamp("2026-02-28"))
    result = score_files([path], model, tmp_path / "out", settings)
    assert result.scored == 1
    assert result.posts_in == result.scored + result.rejected
    assert result.rejected_reasons["sebelum periode (--since)"] == 3


def test_chunking_does_not_change_results(model, tmp_path):
    path = _write(FEED, tmp_path / "feed.csv")
    whole = score_files([path], model, tmp_path / "a")
    chunked = score_files([path], model, tmp_path / "b", chunk_size=2)
    pd.testing.assert_frame_equal(whole.agencies, chunked.agencies)


def test_report_files_are_written_and_readable(model, tmp_path):
    path = _write(FEED, tmp_path / "feed.csv")
    out = tmp_path / "out"
    paths = write_report(score_files([path], model, out), out)
    agencies = pd.read_csv(paths["agencies.csv"])
    for column in ["agency", "posts", "kinerja", "layanan", "ucapan", "substantive_share", "substantive_share_low",
                   "substantive_share_high", "adjusted_share", "posts_per_week", "active", "last_post", "rank", "model_version"]:
        assert column in agencies.columns
    assert agencies["substantive_share"].between(0, 1).all()
    assert len(pd.read_csv(paths["posts.csv"])) == 4 and len(pd.read_csv(paths["rejected.csv"])) == 2
    sheets = pd.read_excel(paths["report.xlsx"], sheet_name=None)
    assert {"Peringkat OPD", "Tren", "Ditolak", "Postingan", "Info"} <= set(sheets)
    page = paths["report.html"].read_text()
    assert "Porsi konten substantif" in page and "data:image/png;base64," in page and "v001" in page
    assert paths["share_by_agency.png"].stat().st_size > 0


def test_captions_are_escaped_in_the_html_report(model, tmp_path):
    feed = FEED.assign(agency=["<script>alert(1)</script>"] * 6)
    path = _write(feed, tmp_path / "feed.csv")
    out = tmp_path / "out"
    paths = write_report(score_files([path], model, out), out)
    assert "<script>alert(1)</script>" not in paths["report.html"].read_text()


@pytest.mark.parametrize(
    "raw, expected",
    [("2026-03-01", "2026-03-01"), ("2026-03-01T23:30:00+07:00", "2026-03-01 23:30"), ("1767225600", "2026-01-01"),
     ("14/06/2026", "2026-06-14"), ("2026-03-01T02:00:00.000Z", "2026-03-01 02:00")],
)
def test_dates_in_the_usual_forms_parse(raw, expected):
    assert parse_dates(pd.Series([raw]))[0] == pd.Timestamp(expected)


def test_pandas_and_dask_engines_give_identical_results(model, tmp_path):
    from distributed import LocalCluster

    path = _write(pd.concat([FEED] * 5, ignore_index=True), tmp_path / "feed.csv")
    local = score_files([path], model, tmp_path / "pandas", chunk_size=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        distributed = score_files([path], model, tmp_path / "dask", chunk_size=4, engine="dask", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(local.agencies, distributed.agencies)
    pd.testing.assert_frame_equal(local.trend, distributed.trend)
    assert (tmp_path / "pandas" / "posts.csv").read_text() == (tmp_path / "dask" / "posts.csv").read_text()
    assert (distributed.posts_in, distributed.scored, distributed.rejected) == (30, 20, 10)
