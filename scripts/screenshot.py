"""Screenshot a page of a running dashboard with headless Chromium, to look at what was built.

python scripts/screenshot.py http://localhost:8501/indicator?code=KS2-L4-EM out.png [--width 1280] [--height 900]
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(args.url)
        page.wait_for_selector(IDLE, timeout=60000)
        page.wait_for_timeout(1500)
        page.wait_for_selector(IDLE, timeout=60000)
        page.screenshot(path=args.out)
        browser.close()


if __name__ == "__main__":
    main()
