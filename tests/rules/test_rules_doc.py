"""docs/rules.md is generated from the rulebook and must not go stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_rules_page_matches_the_rulebook():
    spec = importlib.util.spec_from_file_location(
        "gen_rules_doc", ROOT / "tools" / "gen_rules_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/rules.md is stale: run python tools/gen_rules_doc.py"
