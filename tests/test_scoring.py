"""Share, interval, adjusted share, activity and rank arithmetic against hand-computed values."""
import math

import pandas as pd
import pytest

from classifier.scoring import ScoreSettings, adjusted_share, aggregate, combine, confusion_rates, scorecards, wilson


@pytest.mark.parametrize(
    "k, n, low, high",
    [(8, 10, 0.4902, 0.9433), (0, 5, 0.0, 0.4345), (5, 5, 0.5655, 1.0), (50, 100, 0.4038, 0.5962)],
)
def test_wilson_interval_matches_hand_computation(k, n, low, high):
    got = wilson(k, n)
    assert got[0] == pytest.approx(low, abs=1e-4) and got[1] == pytest.approx(high, abs=1e-4)


def test_wilson_of_nothing_is_undefined():
    assert all(math.isnan(v) for v in wilson(0, 0))


def test_confusion_rates_from_the_models_matrix():
    metrics = {"confusion": {"labels": ["kinerja", "layanan", "ucapan"], "matrix": [[40, 5, 5], [5, 40, 5], [2, 8, 90]]}}
    sensitivity, false_positive = confusion_rates(metrics)
    assert sensitivity == pytest.approx(90 / 100)  # substantive posts predicted substantive
    assert false_positive == pytest.approx(10 / 100)  # ucapan posts predicted substantive


@pytest.mark.parametrize("observed, expected", [(0.5, 0.5), (0.82, 0.9), (0.05, 0.0), (0.95, 1.0)])
def test_adjusted_share_undoes_the_models_known_errors(observed, expected):
    assert adjusted_share(observed, (0.9, 0.1)) == pytest.approx(expected)


def test_adjusted_share_without_rates_is_the_observed_share():
    assert adjusted_share(0.7, None) == 0.7


def _posts(rows):
    return pd.DataFrame(rows, columns=["agency", "label", "date"]).assign(date=lambda f: pd.to_datetime(f["date"]))


@pytest.fixture()
def posts():
    a = [("Dinkes", "kinerja" if i % 2 else "layanan", f"2026-01-{1 + i:02d}") for i in range(10)]
    b = [("Kecamatan", "ucapan", "2026-01-02"), ("Kecamatan", "kinerja", "2026-01-05")]
    return _posts(a + b)


def test_scorecards_count_share_activity_and_rank(posts):
    per_agency, _ = aggregate(posts)
    table = scorecards(per_agency, ScoreSettings(since=pd.Timestamp("2026-01-01"), until=pd.Timestamp("2026-01-14"))).set_index("agency")
    assert table.loc["Dinkes", "posts"] == 10 and table.loc["Dinkes", "substantive_share"] == 1.0
    assert table.loc["Kecamatan", "substantive_share"] == 0.5
    assert table.loc["Dinkes", "posts_per_week"] == pytest.approx(5.0)  # 10 posts in two weeks
    assert table.loc["Kecamatan", "posts_per_week"] == pytest.approx(1.0)
    assert bool(table.loc["Dinkes", "active"]) and not bool(table.loc["Kecamatan", "active"])
    assert table.loc["Kecamatan", "days_since_last_post"] == 9  # last post 5 Jan, period ends 14 Jan
    assert table.loc["Dinkes", "rank"] == 1 and table.loc["Kecamatan", "rank"] == 2


def test_a_post_later_on_the_periods_last_day_is_zero_days_old():
    per_agency, _ = aggregate(_posts([("Dinkes", "layanan", "2026-01-14 15:30")]))
    table = scorecards(per_agency, ScoreSettings(until=pd.Timestamp("2026-01-14")))
    assert table.loc[0, "days_since_last_post"] == 0


def test_rank_uses_the_lower_bound_so_tiny_feeds_do_not_lead():
    many = [("Big", "kinerja", "2026-01-01")] * 90 + [("Big", "ucapan", "2026-01-01")] * 10
    few = [("Tiny", "kinerja", "2026-01-01")] * 2
    table = scorecards(aggregate(_posts(many + few))[0], ScoreSettings()).set_index("agency")
    assert table.loc["Tiny", "substantive_share"] > table.loc["Big", "substantive_share"]
    assert table.loc["Big", "rank"] == 1


def test_the_activity_threshold_is_configurable(posts):
    per_agency, _ = aggregate(posts)
    settings = ScoreSettings(min_posts_per_week=0.5, since=pd.Timestamp("2026-01-01"), until=pd.Timestamp("2026-01-14"))
    assert scorecards(per_agency, settings)["active"].all()


def test_chunked_aggregation_equals_whole(posts):
    whole = aggregate(posts)
    parts = combine(aggregate(posts.iloc[:5]), aggregate(posts.iloc[5:]))
    pd.testing.assert_frame_equal(whole[0].sort_index(), parts[0].sort_index(), check_dtype=False)
    pd.testing.assert_frame_equal(whole[1].sort_index(), parts[1].sort_index(), check_dtype=False)


def test_weekly_periods_use_iso_weeks(posts):
    _, per_period = aggregate(posts, by="week")
    assert "2026-W01" in per_period.index.get_level_values("period")
