"""The committed corpus: schema, labels, no duplicates within or across splits, accounts on one side."""
import pandas as pd
import pytest

from classifier.config import LABELS, data_dir
from classifier.corpus import check_corpus, existing_corpus, split_batch
from classifier.data import COLUMNS, DataError, read_labelled


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return existing_corpus(data_dir())


def test_the_corpus_breaks_no_rule():
    assert check_corpus() == []


def test_every_file_has_the_documented_columns():
    for path in sorted((data_dir() / "labelled").glob("*.csv")) + sorted((data_dir() / "eval").glob("*.csv")):
        assert list(pd.read_csv(path, nrows=0).columns) == list(COLUMNS), path


def test_the_frozen_split_holds_at_least_a_fifth_of_the_posts(corpus):
    assert (corpus["split"] == "eval").mean() >= 0.20


def test_every_label_is_well_represented_in_both_splits(corpus):
    for split, group in corpus.groupby("split"):
        shares = group["label"].value_counts(normalize=True)
        assert set(shares.index) == set(LABELS), split
        assert shares.min() >= 0.2, (split, shares.to_dict())


def test_many_accounts_agency_types_and_regions(corpus):
    assert corpus["agency"].nunique() >= 80
    assert corpus["agency_type"].nunique() >= 20
    assert corpus["region"].str.split(",").str[-1].str.strip().nunique() >= 12  # provinces


def test_hard_cases_carry_a_note(corpus):
    assert (corpus["note"].str.strip() != "").mean() >= 0.20


def test_a_file_with_an_unknown_label_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"text": ["Selamat pagi"], "label": ["salam"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"line 2 has label 'salam'"):
        read_labelled(path)


def test_a_new_batch_drops_near_duplicates_and_keeps_accounts_on_their_side():
    existing = pd.DataFrame({"text": ["Selamat Hari Raya Idul Fitri 1445 H, mohon maaf lahir dan batin"],
                             "agency": ["Dinkes A"], "split": ["eval"]})
    row = dict.fromkeys(COLUMNS, "")
    batch = pd.DataFrame([
        row | {"text": "Selamat Hari Raya Idul Fitri 1446 H, mohon maaf lahir dan batin", "agency": "Dinkes B", "label": "ucapan"},
        row | {"text": "Jadwal vaksinasi gratis di Puskesmas Sabtu pukul 08.00", "agency": "Dinkes A", "label": "layanan"},
    ])
    train, evaluation, notes = split_batch(batch, existing)
    assert len(train) == 0 and list(evaluation["agency"]) == ["Dinkes A"]
    assert any("near duplicate" in note for note in notes)


def test_the_sample_feeds_are_not_in_the_training_or_evaluation_files(corpus):
    from classifier.dedup import canonical, near_duplicates

    samples = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted((data_dir() / "samples").glob("*.csv"))])
    texts = [t for t in samples["text"] if t.strip()]
    assert len(texts) >= 200
    assert not set(map(canonical, texts)) & set(corpus["text"].map(canonical))
    assert near_duplicates(texts, corpus["text"].tolist()) == []
