"""Build rules/lexicons/wordfreq.tsv: Indonesian word frequencies for the normaliser.

The normaliser needs to know which strings are real words (to undo leetspeak and stretched
letters, and to split lower-case hashtags). We count words in the IndoNLU SmSA and EmoT training
texts (Apache-2.0), which are everyday Indonesian reviews and tweets, and keep words seen at least
three times. Run from the repository root: `python tools/build_wordlist.py ../shared/data`.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

WORD = re.compile(r"[a-z]+")


def main(data_dir: str) -> None:
    root = Path(data_dir)
    counts: Counter[str] = Counter()
    with open(root / "indonlu-smsa" / "train.tsv", encoding="utf-8") as fh:
        for line in fh:
            counts.update(WORD.findall(line.rsplit("\t", 1)[0].lower()))
    with open(root / "indonlu-emot" / "train.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            counts.update(WORD.findall(row["tweet"].lower()))
    out = Path("src/netra/rules/lexicons/wordfreq.tsv")
    words = [(w, c) for w, c in counts.most_common() if c >= 3 and len(w) >= 2]
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            "# word\tcount — from IndoNLU SmSA + EmoT train (Apache-2.0); tools/build_wordlist.py\n"
        )
        for w, c in words:
            fh.write(f"{w}\t{c}\n")
    print(f"{len(words)} words -> {out}")


def kamusalay(src: str) -> None:
    """Copy the Ibrohim & Budi slang dictionary as UTF-8, dropping mojibake rows."""
    with open(src, encoding="latin-1") as fh:
        rows = list(csv.reader(fh))
    out = Path("src/netra/rules/lexicons/kamusalay.csv")
    kept = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["slang", "formal"])
        for slang, formal in rows:
            if all(c.isascii() for c in slang + formal) and slang.strip() and formal.strip():
                writer.writerow([slang.strip().lower(), formal.strip().lower()])
                kept += 1
    print(f"{kept} slang pairs -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
    kamusalay(str(Path(sys.argv[1]) / "ibrohim2019" / "new_kamusalay.csv"))
