"""`python -m netra …` runs the `netra` command (used by tests to run the real entry point)."""

from __future__ import annotations

from netra.cli import main

if __name__ == "__main__":
    main()
