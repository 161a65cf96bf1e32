"""Regenerates the generated parts of README.md (the supported-API coverage table from rules/)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from translator.commands.rules import coverage_markdown  # noqa: E402
from translator.engine.ruleset import load_rules  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"


def main() -> int:
    text = README.read_text()
    table = coverage_markdown(load_rules())
    pattern = r"(<!-- coverage:start -->\n).*?(<!-- coverage:end -->)"
    new, n = re.subn(pattern, lambda m: m.group(1) + table + m.group(2), text, flags=re.DOTALL)
    if n != 1:
        print("README.md: coverage markers not found", file=sys.stderr)
        return 1
    README.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
