#!/usr/bin/env bash
# Regenerates the sample migration report of the example project (examples/heat2d) committed in reports/:
# example-report.html, example-report.md and the screenshot example-report.png (needs chromium for the PNG).
# Run from anywhere: bash reports/regenerate.sh. tests/report/test_report_samples.py fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m translator.cli report examples/heat2d --to all -o reports/example-report.html -q
python -m translator.cli report examples/heat2d --to all -o reports/example-report.md -q
if command -v chromium >/dev/null; then
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
        --disable-component-update --disable-sync --user-data-dir="$profile" \
        --screenshot="$PWD/reports/example-report.png" --window-size=1280,2000 \
        "file://$PWD/reports/example-report.html" 2>/dev/null
    rm -rf "$profile"
else
    echo "chromium not found: reports/example-report.png not regenerated" >&2
fi
