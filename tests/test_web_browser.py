"""A clerk in real headless Chromium: new county, an inline error, the fix, the preview, the .docx.

Needs Debian's chromium and chromium-driver (.ci/run installs them). The screenshots go to
DRAFTER_SCREENSHOTS if set (scripts/web_screenshots.sh sets it to refresh README's), else to
the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import docx
import pytest
from webform import LiveServer

from drafter import library

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
)
WAIT = 30  # seconds for any one step in a loaded CI machine

pytestmark = pytest.mark.skipif(
    not Path(CHROMEDRIVER).exists(), reason="chromium-driver is not installed (.ci/run installs it)"
)


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver, downloads
    finally:
        driver.quit()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DRAFTER_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def click(driver, element) -> None:
    """Click as a clerk would, after scrolling it clear of the sticky download bar."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def type_into(driver, name: str, text: str) -> None:
    field = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.clear()
    field.send_keys(text)


def preview_done(driver, seq_before: str):
    """Wait until app.js has answered a preview request newer than ``seq_before``."""
    WebDriverWait(driver, WAIT).until(
        lambda d: (
            d.find_element(By.TAG_NAME, "body").get_attribute("data-preview-seq")
            not in (None, seq_before)
        )
    )


def seq(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-preview-seq") or ""


def test_a_clerk_drafts_a_new_county(browser, tmp_path):
    driver, downloads = browser
    out = shots(tmp_path)
    with LiveServer() as server:
        driver.get(server.url + "/")
        driver.save_screenshot(str(out / "web-start.png"))
        type_into(driver, "name", "云溪县")
        type_into(driver, "province", "浙江省")
        Select(driver.find_element(By.NAME, "level")).select_by_visible_text("县")
        driver.find_element(By.ID, "start-new").click()
        WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.ID, "profile")))
        assert "云溪县人民政府关于印发" in driver.find_element(By.ID, "preview").text

        # An industry added to a list, and a date mistyped: the error shows beside the field.
        industries = driver.find_element(By.CSS_SELECTOR, '[data-path="industries"]')
        click(driver, industries.find_element(By.CSS_SELECTOR, "button.add"))
        industries.find_element(By.CSS_SELECTOR, ".items input").send_keys("竹木制品")
        before = seq(driver)
        type_into(driver, "notice.date", "2024-13-01")
        preview_done(driver, before)
        error = driver.find_element(By.CSS_SELECTOR, 'label[data-path="notice.date"] .err')
        WebDriverWait(driver, WAIT).until(lambda d: error.text)
        assert (
            error.text == '应为日期（如 2024-12-04），得到 "2024-13-01"'
            or error.text.startswith("应为日期")
        )
        assert "2024-13-01" in error.text
        assert driver.find_element(By.ID, "problems").is_displayed()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
        driver.save_screenshot(str(out / "web-error.png"))

        # Fixed: the error goes, the preview follows the form.
        before = seq(driver)
        type_into(driver, "notice.date", "2024-03-01")
        preview_done(driver, before)
        WebDriverWait(driver, WAIT).until(lambda d: error.text == "")
        assert not driver.find_element(By.ID, "problems").is_displayed()
        preview = driver.find_element(By.ID, "preview")
        assert "2024年3月1日" in preview.text
        assert "竹木制品" in preview.text
        first_task = driver.find_element(
            By.CSS_SELECTOR, '.task[data-task="ip-management-mechanism"]'
        )
        assert first_task.find_element(By.CSS_SELECTOR, ".num").text == "1."
        driver.execute_script(
            "document.querySelector('.tasks').scrollIntoView();"
            "document.querySelector('.preview-pane').scrollTop = 1400;"
        )
        driver.save_screenshot(str(out / "web-preview.png"))

        # Download the .docx and read it back.
        click(driver, driver.find_element(By.ID, "download-docx"))
        target = downloads / "云溪县.docx"
        deadline = time.monotonic() + WAIT
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.exists(), list(downloads.iterdir())
        driver.get(server.url + "/batch")
        driver.save_screenshot(str(out / "web-batch.png"))

    # The downloaded .docx: its title, its first task and a responsibility list.
    # the starter's programme runs from the latest batch round drafter knows, to this year at least
    year = dt.date.today().year
    batch = max((y for y in library.load().rounds if y <= year), default=min(library.load().rounds))
    start, end = batch, max(batch + 2, year)
    # (a title's line breaks, GB/T 9704 7.3.1, read as one line)
    paragraphs = [
        p.text.replace("\n", "") for p in docx.Document(str(target)).paragraphs if p.text.strip()
    ]
    assert paragraphs[1] == (
        f"云溪县人民政府关于印发《云溪县国家知识产权强县建设试点县工作方案（{start}—{end}年）》的通知"
    )
    first = next(p for p in paragraphs if p[:2] == "1.")
    assert first.startswith("1.健全知识产权管理体制机制。充分发挥县知识产权工作领导小组")
    assert first.endswith("（县知识产权工作领导小组成员单位按职责分工负责）")
    duty = next(p for p in paragraphs if p[:2] == "2.")
    assert duty.startswith("2.强化知识产权政策导向。")
    assert duty.endswith(
        "（县市场监督管理局、县科学技术局、县农业农村局、县工业和信息化局、县发展和改革局等按职责分工负责）"
    )
    assert any("竹木制品" in p for p in paragraphs)


def test_a_clerk_chooses_a_genre_and_the_form_follows(browser, tmp_path):
    """app.js offers only the chosen genre's levels on the start page; the form drafts that genre,
    and choosing another genre there redraws the form for it."""
    driver, _downloads = browser
    out = shots(tmp_path)
    with LiveServer() as server:
        driver.get(server.url + "/")
        Select(driver.find_element(By.NAME, "genre")).select_by_value("opinion")
        level = Select(driver.find_element(By.NAME, "level"))
        offered = [o.text for o in level.options if o.is_enabled()]
        assert offered == ["地级市"] and level.first_selected_option.text == "地级市"
        kind = Select(driver.find_element(By.NAME, "kind"))
        assert [o.text for o in kind.options if o.is_enabled()] == ["强市建设"]
        type_into(driver, "name", "云溪市")
        type_into(driver, "province", "浙江省")
        driver.find_element(By.ID, "start-new").click()
        WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.ID, "profile")))
        preview = driver.find_element(By.ID, "preview")
        assert "云溪市人民政府关于加快知识产权强市建设的实施意见" in preview.text
        assert "现就加快知识产权强市建设提出以下实施意见" in preview.text
        assert not driver.find_elements(By.CSS_SELECTOR, '[data-path="plan.attachments"]')
        driver.save_screenshot(str(out / "web-genre.png"))

        # another genre chosen in the form: the page is redrawn with its levels and fields
        genre = Select(driver.find_element(By.ID, "genre"))
        old = driver.find_element(By.ID, "profile")
        genre.select_by_value("protection_zone")
        WebDriverWait(driver, WAIT).until(ec.staleness_of(old))
        WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.ID, "profile")))
        assert Select(driver.find_element(By.ID, "genre")).first_selected_option.get_attribute(
            "value"
        ) == ("protection_zone")
        kinds = Select(driver.find_element(By.NAME, "programme.kind"))
        assert [o.get_attribute("value") for o in kinds.options][0] == "保护示范区"
