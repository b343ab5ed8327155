"""Debian's Chromium, headless, with no network beyond this machine: how every browser test starts it."""
from __future__ import annotations

EXECUTABLE = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=ARGS)
