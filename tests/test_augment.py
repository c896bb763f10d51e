"""Hashtag noise: copies of training posts with the account's own hashtags, and nothing else changed."""
import pandas as pd

from classifier.augment import account_hashtags, hashtag_noise


def frame(n=40):
    return pd.DataFrame({"text": [f"Postingan nomor {i}" for i in range(n)], "label": ["ucapan", "kinerja"] * (n // 2),
                         "agency": ["Dinas Kesehatan Kabupaten Garut"] * n, "region": ["Kabupaten Garut, Jawa Barat"] * n})


def test_a_share_of_posts_is_copied_with_hashtags_appended():
    original = frame()
    augmented = hashtag_noise(original, 0.25, seed=0)
    assert len(augmented) == 50
    pd.testing.assert_frame_equal(augmented.iloc[:40], original)
    for row in augmented.iloc[40:].itertuples():
        body, tags = row.text.split("\n\n")
        assert body in set(original["text"]) and original.set_index("text").at[body, "label"] == row.label
        assert all(tag.startswith("#") for tag in tags.split()) and len(tags.split()) >= 2


def test_the_hashtags_come_from_the_account_and_its_region():
    import random

    tags = set(account_hashtags("Dinas Kesehatan Kabupaten Garut", "Kabupaten Garut, Jawa Barat", random.Random(0)).split())
    assert tags <= {"#KGGarut", "#Garut", "#JawaBarat", "#DinasKesehatanKabupatenGarut", "#Indonesia"}


def test_it_is_deterministic_and_off_at_rate_zero():
    assert hashtag_noise(frame(), 0.3, seed=1).equals(hashtag_noise(frame(), 0.3, seed=1))
    assert hashtag_noise(frame(), 0.0).equals(frame())


def test_posts_without_account_or_region_still_work():
    bare = pd.DataFrame({"text": ["Jumat berkah", "Jadwal vaksinasi Sabtu"], "label": ["ucapan", "layanan"]})
    assert len(hashtag_noise(bare, 1.0)) == 4
