"""The analysts' page in a real headless browser (Debian's Chromium driven by Playwright), against a
real `mutu serve` process and the project's own model.

Chromium comes from the system packages (`make test` and `.ci/run` install it when missing).
Set MUTU_SCREENSHOTS=docs to refresh the screenshots the README shows (`make screenshots`)."""
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.test_service import _free_port

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "lembah_harapan_2026h1.csv"
SHOTS = os.environ.get("MUTU_SCREENSHOTS")


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    env = {**os.environ, "MUTU_RELOAD_INTERVAL": "0"}
    process = subprocess.Popen([sys.executable, "-m", "classifier.cli", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("mutu serve did not become ready:\n" + process.communicate(timeout=20)[0].decode()[-2000:])
    yield url
    process.terminate()
    process.communicate(timeout=20)


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "browser tests need Debian's Chromium: apt-get install chromium (make test installs it)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/")
    yield page
    context.close()


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_pasting_a_greeting_shows_ucapan_with_bars_and_marked_words(page):
    page.fill("#caption-text", "Selamat Hari Raya Idul Fitri 1447 H. Mohon maaf lahir dan batin 🙏")
    page.click("#caption-form button")
    page.wait_for_selector("#caption-result:not([hidden])")
    assert page.text_content("#caption-label") == "ucapan"
    assert page.inner_text("#caption-substantive") == "tidak substantif"
    assert page.is_hidden("#caption-review")  # a confident prediction is not flagged for review
    assert page.locator("#caption-bars .bar").count() == 3
    assert page.locator("#caption-highlight mark").count() >= 1
    shot(page, "page_caption.png")


def test_an_unsure_prediction_is_flagged_for_review(page):
    page.fill("#caption-text", "Apel pagi")
    page.click("#caption-form button")
    page.wait_for_selector("#caption-result:not([hidden])")
    confidence = max(float(t.rstrip("%").replace(",", ".")) for t in page.locator("#caption-bars .bar span:last-child").all_inner_texts())
    assert page.is_visible("#caption-review") == (confidence < 60)


def test_a_caption_with_markup_is_shown_as_text(page):
    page.fill("#caption-text", "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned=2\"> Jadwal SIM keliling pukul 08.00")
    page.click("#caption-form button")
    page.wait_for_selector("#caption-result:not([hidden])")
    assert "<script>window.pwned = 1</script>" in page.inner_text("#caption-highlight")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#caption-highlight img").count() == 0


def test_uploading_the_sample_feed_shows_the_league_table_and_downloads_the_reports(page, tmp_path):
    page.click("nav a[data-tab=feed]")
    page.set_input_files("#feed-file", str(SAMPLE))
    page.fill("#feed-since", "2026-01-01")
    page.fill("#feed-until", "2026-06-30")
    page.click("#feed-form button")
    page.wait_for_selector("#feed-result:not([hidden])", timeout=60_000)
    rows = page.locator("#feed-table tbody tr")
    assert rows.count() == 10
    assert "Kecamatan Sungai Jernih" in page.inner_text("#feed-table")
    assert "264 postingan masuk = 260 dinilai + 4 ditolak" in page.inner_text("#feed-summary")
    assert page.locator("#feed-rejected tbody tr").count() == 4
    assert page.locator("#feed-charts img").count() == 2
    shot(page, "page_feed.png")
    page.fill("#feed-filter", "sungai")
    assert rows.count() == 1
    page.fill("#feed-filter", "")
    with page.expect_download() as download:
        page.click("#download-xlsx")
    saved = tmp_path / "report.xlsx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    with page.expect_download() as download:
        page.click("#download-html")
    download.value.save_as(tmp_path / "report.html")
    assert "Peringkat OPD" in (tmp_path / "report.html").read_text()


def test_sorting_the_table_by_a_column(page):
    page.click("nav a[data-tab=feed]")
    page.set_input_files("#feed-file", str(SAMPLE))
    page.click("#feed-form button")
    page.wait_for_selector("#feed-result:not([hidden])", timeout=60_000)
    page.click("#feed-table th[data-key=posts]")
    counts = [int(t) for t in page.locator("#feed-table tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts)


def test_a_malformed_upload_shows_a_message_on_the_page(page, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    page.click("nav a[data-tab=feed]")
    page.set_input_files("#feed-file", str(bad))
    page.click("#feed-form button")
    page.wait_for_selector("#feed-error:not([hidden])")
    assert "rusak.xlsx" in page.inner_text("#feed-error") and "Traceback" not in page.content()


def test_the_model_tab_shows_version_metrics_and_confusion_matrix(page):
    page.click("nav a[data-tab=model]")
    page.wait_for_selector("#model-confusion tbody tr")
    assert page.locator("#model-confusion tbody tr").count() == 3
    assert "Macro-F1" in page.inner_text("#model-info")
    shot(page, "page_model.png")


def test_the_page_fits_a_phone_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
