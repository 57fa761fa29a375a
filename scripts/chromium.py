"""The one way our tests and benchmarks start Chromium: Debian's browser (Playwright cannot
download its own here) with the flags that keep it quiet, offline and runnable as root."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
