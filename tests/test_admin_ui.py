"""The admin in a real browser: uvicorn serving the app on a free port of 127.0.0.1 over a
fresh, migrated SQLite file, driven by headless Chromium through Selenium.

An editor signs in, writes a medical article in the form and submits it; a member is turned
away; a clinical reviewer finds it in the review queue, approves and publishes it; the public
API then lists it. A screenshot is left in test-artifacts/admin-ui.png (not in git).

Skipped when Debian's chromium or chromium-driver is not installed, and in the PostgreSQL run
(it brings its own SQLite database, so one run covers it).
"""

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from app.accounts.models import Role, User
from app.accounts.service import create_user
from app.core.db import create_engine, create_sessionmaker
from app.editorial import service as editorial
from app.editorial.models import PersonIn, TopicIn
from tests.conftest import IS_POSTGRES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "test-artifacts" / "admin-ui.png"
PASSWORD = "lantern-harbour-quiet-77"
SLUG = "lithium-and-sleep"
WAIT_SECONDS = 20

pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
        "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver",
    ),
    pytest.mark.skipif(IS_POSTGRES, reason="uses its own SQLite file; runs in the SQLite run"),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def prepare(database_url: str) -> None:
    """Staff, a member, and the people and topic the article names, through the services."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            users = {}
            for role, email in (
                (Role.admin, "admin@example.org"),
                (Role.editor, "editor@example.org"),
                (Role.reviewer, "reviewer@example.org"),
                (Role.member, "member@example.org"),
            ):
                users[role] = await create_user(
                    session=session,
                    email=email,
                    password=PASSWORD,
                    display_name=role.value.title(),
                    role=role,
                )
            admin = users[Role.admin]
            for person in (
                PersonIn(slug="amara-okafor", name="Dr Amara Okafor", credentials="PsyD"),
                PersonIn(slug="lena-castellanos", name="Dr Lena Castellanos", credentials="MD"),
            ):
                await editorial.create_entry(
                    session=session, actor=admin, kind_name="person", data=person
                )
            await editorial.create_entry(
                session=session,
                actor=admin,
                kind_name="topic",
                data=TopicIn(slug="sleep", name="Sleep"),
            )
            reviewer = await editorial.list_entries(
                session=session, kind_name="person", status=None, limit=10, cursor=None
            )
            lena = next(p for p in reviewer.items if p.slug == "lena-castellanos")
            await session.execute(
                update(User).where(User.email == "reviewer@example.org").values(person_id=lena.id)
            )
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture
def server() -> Iterator[str]:
    """The real app under uvicorn; yields its base URL and always stops it."""
    folder = Path(tempfile.mkdtemp(prefix="admin-ui-"))
    database_url = f"sqlite+aiosqlite:///{folder / 'admin-ui.db'}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "TEST_DATABASE_URL", "DATABASE_URL")
    }
    env |= {
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "test",
        "WEBHOOK_DISPATCH_INTERVAL_SECONDS": "0",
    }
    subprocess.run(
        [sys.executable, "-m", "app.cli", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    # In a thread of its own, so this test's asyncio loop (pytest-asyncio's) is not touched.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, prepare(database_url)).result(timeout=120)
    port = free_port()
    log = (folder / "server.log").open("w")
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
        # Shown by pytest only when the test failed.
        print("server log:", (folder / "server.log").read_text()[-5000:])


@pytest.fixture
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="admin-ui-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as error:  # installed, but cannot start here
        pytest.skip(f"Chromium did not start: {error.msg}")
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


class Admin:
    """What a person does in the admin, each step waiting (boundedly) for the page."""

    def __init__(self, driver: Any, base_url: str) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver, self.base_url, self.by = driver, base_url, By
        self.wait = WebDriverWait(driver, WAIT_SECONDS)

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def find(self, css: str) -> Any:
        from selenium.webdriver.support import expected_conditions as seen

        return self.wait.until(seen.presence_of_element_located((self.by.CSS_SELECTOR, css)))

    def press(self, how: str, where: str) -> None:
        """Click once it is on the page and enabled. A script click: sqladmin's layout scrolls
        inside a container, where WebDriver's own click may land on the wrong element."""
        from selenium.webdriver.support import expected_conditions as seen

        element = self.wait.until(seen.element_to_be_clickable((how, where)))
        self.driver.execute_script("arguments[0].click();", element)

    def click(self, css: str) -> None:
        self.press(self.by.CSS_SELECTOR, css)

    def click_link(self, text: str) -> None:
        self.press(self.by.XPATH, f"//a[normalize-space()='{text}']")

    def see(self, text: str) -> None:
        self.wait.until(lambda d: text in d.find_element(self.by.TAG_NAME, "body").text)

    def sign_in(self, email: str) -> None:
        self.open("/admin/login")
        self.find("input[name=username]").send_keys(email)
        self.find("input[name=password]").send_keys(PASSWORD)
        self.click("button[type=submit]")

    def sign_out(self) -> None:
        self.open("/admin/logout")
        self.find("input[name=username]")

    def fill(self, fields: dict[str, str]) -> None:
        for name, value in fields.items():
            box = self.find(f"[name={name}]")
            box.clear()
            box.send_keys(value)


def test_write_review_and_publish_an_article_in_the_browser(server: str, browser: Any) -> None:
    admin = Admin(browser, server)
    try:
        admin.sign_in("editor@example.org")
        admin.see("Articles")
        admin.open("/admin/article/create")
        admin.fill(
            {
                "slug": SLUG,
                "title": "Lithium and sleep",
                "summary": "What changes in sleep when lithium is started.",
                "body_markdown": "## What to expect\n\nSleep often gets longer at first.",
                "author": "amara-okafor",
                "topics": "sleep",
                "citations": "Geoffroy PA, et al. Sleep Med Rev. 2016;25:1-7.",
            }
        )
        admin.click("input[name=is_medical]")
        admin.click("input[name=save][value=Save]")
        admin.see(SLUG)
        admin.click("a[href*='/admin/article/details/']")
        admin.see("Lithium and sleep")
        admin.click_link("Submit for review")
        admin.see(f"'{SLUG}' is now in_review")
        admin.sign_out()

        admin.sign_in("member@example.org")
        admin.see("not allowed to use the admin")

        admin.sign_in("reviewer@example.org")
        admin.open("/admin/review-queue")
        admin.see("awaiting approval")
        admin.click_link("Lithium and sleep")
        admin.click_link("Approve")
        admin.see(f"'{SLUG}' is now approved")
        admin.click_link("Publish")
        admin.see(f"'{SLUG}' is now published")
    finally:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):  # a crashed browser must not hide the failure
            browser.save_screenshot(str(SCREENSHOT))

    articles = httpx.get(f"{server}/v1/articles", timeout=10).json()["items"]
    published = next(a for a in articles if a["slug"] == SLUG)
    assert published["title"] == "Lithium and sleep"
    assert published["review_status"] == "current"
