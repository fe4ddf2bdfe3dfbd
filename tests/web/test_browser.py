"""End to end in headless Chromium (Debian's, driven by Playwright; no browser download).

A customer logs in, designs from a prompt in Chinese and in English, scrolls the
stream, opens a design, changes a parameter and sees the preview change, orders
the print files and downloads the zip; another customer fails to open that design.
Screenshots go to ``$FOULARD_TEST_ARTIFACTS`` (or the test's tmp folder).
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _install_chromium() -> str | None:
    """Install Debian's chromium when missing; return why it is impossible, or None."""
    if CHROMIUM.exists():
        return None
    script = ROOT / "scripts" / "install-system-deps.sh"
    if os.geteuid() != 0 or not script.exists():
        return "chromium is not installed and the tests are not root (apt-get install chromium)"
    proc = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=900, check=False
    )
    if proc.returncode != 0 or not CHROMIUM.exists():
        return f"installing chromium failed: {proc.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _install_chromium()
    if why:
        pytest.skip(why)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path, request):
    base = os.environ.get("FOULARD_TEST_ARTIFACTS")
    folder = Path(base) / request.node.name if base else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _login(page, studio, person: str) -> None:
    page.goto(studio.url + "/#/login")
    page.fill("input[name=person]", person)
    page.fill("input[name=password]", studio.passwords[person])
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#view-create:not([hidden])")


def _big_png(page, not_src: str | None = None) -> tuple[bytes, str]:
    """The big preview once it has loaded (and is not ``not_src`` any more)."""
    page.wait_for_function(
        "(old) => { const i = document.querySelector('#big');"
        " return i.src && i.src !== old && i.complete && i.naturalWidth > 0"
        " && document.querySelector('#big-busy').hidden; }",
        arg=not_src or "",
        timeout=60_000,
    )
    return page.locator("#big").screenshot(), page.get_attribute("#big", "src")


def test_customer_designs_edits_orders_and_cannot_cross_to_another(studio, browser, shots):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    _login(page, studio, "alice")
    page.screenshot(path=shots / "01-create.png")

    # a prompt in Chinese, in the Chinese UI
    page.click("#lang")
    assert page.locator("#prompt-go").inner_text() == "设计"
    page.fill("#prompt", "蓝色牡丹方巾，回纹边")
    page.select_option("#prompt-count", "2")
    page.click("#prompt-go")
    page.wait_for_selector("#results .tile img[src^='blob:']", timeout=90_000)
    assert "牡丹" in page.locator("#intent-summary").inner_text()
    assert page.locator("#results .tile").count() == 2
    page.screenshot(path=shots / "02-prompt-zh.png", full_page=True)

    # and one in English, in the English UI
    page.click("#lang")
    page.fill("#prompt", "a lotus carre in jade and gold, no red")
    page.click("#prompt-go")
    page.wait_for_function(
        "() => document.querySelector('#intent-summary').textContent.includes('lotus')",
        timeout=90_000,
    )
    page.wait_for_selector("#results .tile img[src^='blob:']")
    page.screenshot(path=shots / "03-prompt-en.png", full_page=True)

    # the stream scrolls without end
    page.click("nav a[href='#/stream']")
    page.wait_for_selector("#stream .tile")
    first = page.locator("#stream .tile").count()
    page.locator("#stream-more").scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('#stream .tile').length > {first}")
    page.screenshot(path=shots / "04-stream.png")

    # open a design, change a parameter, see the preview change
    page.click("nav a[href='#/create']")
    page.locator("#results .tile a.pic").first.click()
    page.wait_for_selector("#controls fieldset")
    page.wait_for_selector("#inks tr >> nth=1", timeout=60_000)
    before, src = _big_png(page)
    url_before = page.url
    page.screenshot(path=shots / "05-design.png", full_page=True)
    # A palette choice (a theme, a harmony) always changes the colours; a number may
    # belong to a part that the design does not show, so it is only the fallback.
    choice = page.locator("#controls select[data-path='palette']")
    if choice.count():
        values = choice.first.evaluate("e => [...e.options].map(o => o.value)")
        current = choice.first.input_value()
        choice.first.select_option(next(v for v in values if v != current))
    else:
        field = page.locator("#controls input[type=number]").first
        lo, hi = float(field.get_attribute("min")), float(field.get_attribute("max"))
        value = float(field.input_value())
        field.fill(str(lo if value - lo > hi - value else hi))
    page.click("#apply")
    page.wait_for_function(f"() => location.href !== {url_before!r}")
    page.wait_for_selector("#controls fieldset")
    after, src = _big_png(page, src)
    assert before != after
    edited_id = page.url.rsplit("/", 1)[1]

    # the worn / folded preview and a colourway
    page.click("#preview-tabs button[data-kind=folded]")
    _, src = _big_png(page, src)
    page.wait_for_selector("#colourways .swatch >> nth=1")
    page.locator("#colourways .swatch").nth(1).click()
    page.click("#preview-tabs button[data-kind=plain]")
    _big_png(page, src)
    page.screenshot(path=shots / "06-edited-colourway.png", full_page=True)

    # order print files (small, for the test) and download the zip
    page.fill("#o-format", "custom-60x60")
    page.fill("input[name=ppi]", "150")
    page.fill("input[name=inks]", "3")
    page.fill("input[name=colourways]", "0")
    page.click("#order-go")
    page.wait_for_selector("#job-download:not([hidden])", timeout=120_000)
    page.screenshot(path=shots / "07-order-ready.png")
    with page.expect_download() as dl:
        page.click("#job-download")
    data = Path(dl.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
    assert any(n.endswith("master.tif") for n in names)
    assert any(n.endswith("colourways/cw01.png") for n in names)  # the colourway picked

    # another customer cannot open it
    page.click("#logout")
    _login(page, studio, "bob")
    page.goto(f"{studio.url}/#/design/{edited_id}")
    page.wait_for_function("() => document.querySelector('#d-title').textContent.length > 0")
    assert page.locator("#d-title").inner_text() == "This design is not yours to see."
    assert page.locator("#controls fieldset").count() == 0
    page.screenshot(path=shots / "08-bob-refused.png")
    assert not errors, errors
    ctx.close()


def test_phone_layout_and_library_for_a_designer(studio, browser, shots):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = ctx.new_page()
    _login(page, studio, "designer")
    page.click("nav a[href='#/library']")
    page.wait_for_selector("#library .tile img[src^='blob:']")
    page.fill("#lib-words input", "牡丹")
    page.click("#lib-words button")
    page.wait_for_function(
        "() => document.querySelector('#lib-info').textContent.includes('matches')"
    )
    page.screenshot(path=shots / "09-library-phone.png", full_page=True)
    # nothing wider than the phone
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 390
    ctx.close()


def test_a_library_picture_fitted_into_a_design(studio, browser, shots):
    """The library's "make a design" button: the model's fit of a picture opens as a
    design with its controls."""
    from foulard.library.store import SAMPLE_BROCADE

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _login(page, studio, "designer")
    page.click("nav a[href='#/library']")
    fit = page.locator(f"#library .tile[data-pattern='{SAMPLE_BROCADE}'] button.fit")
    fit.wait_for()
    fit.click()
    page.wait_for_function("() => location.hash.startsWith('#/design/')")
    page.wait_for_selector("#big[src^='blob:']")
    assert "neural fit" in page.locator("#d-title").inner_text()
    assert page.locator("#controls fieldset").count() >= 1
    page.screenshot(path=shots / "10-library-fit.png")
    assert not errors, errors
    ctx.close()
