"""Generate realistic synthetic account archives for oversight benchmarks and demos.

Posts are drawn from the project's own labelled texts (tests/data/devset.jsonl when present, and
every rule's match / no-match examples), mixed so that most posts are clean and a realistic share
violates a rule, and varied (greetings, hashtags, mentions, emoji, numbers) so no two posts are
identical. Output is streamed, so a 1,000,000-post archive needs no more memory than a small one.

    python benchmarks/synthetic_archive.py --posts 1000000 --out /tmp/archive.jsonl
    python benchmarks/synthetic_archive.py --posts 5000 --format x --out /tmp/twitter.zip
"""

from __future__ import annotations

import argparse
import json
import random
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = [
    "",
    "",
    "",
    "Info: ",
    "Sobat, ",
    "Update: ",
    "RT @humas_kab: ",
    "Pagi semua! ",
    "Mohon perhatian: ",
]
SUFFIXES = [
    "",
    "",
    "",
    " 🙏",
    " #InfoPublik",
    " #ASNBerAKHLAK",
    " cc @bkpsdm",
    " 👍👍",
    " (sumber: grup)",
    " wkwk",
]


def load_texts() -> tuple[list[str], list[str]]:
    """(clean texts, violating texts) from the dev set and the rule examples."""
    clean: list[str] = []
    bad: list[str] = []
    devset = ROOT / "tests" / "data" / "devset.jsonl"
    if devset.exists():
        for line in devset.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                (bad if item.get("labels") else clean).append(item["text"])
    from netra.rules.loader import load_rulebook

    for _, rule in load_rulebook().rules():
        bad.extend(e.text for e in rule.examples.match)
        clean.extend(e.text for e in rule.examples.no_match)
    if not clean:
        clean = ["Selamat pagi, layanan KTP buka pukul 08.00 WIB.", "Jadwal posyandu hari Kamis."]
    if not bad:
        bad = ["Ayo coblos nomor 2, menangkan!", "NIK saya 3174014506900003"]
    return clean, bad


def posts(
    n: int, seed: int = 2024, violating_share: float = 0.12, accounts: int = 2_000
) -> Iterator[dict]:
    rng = random.Random(seed)
    clean, bad = load_texts()
    start = datetime(2023, 9, 1)
    for i in range(n):
        base = rng.choice(bad) if rng.random() < violating_share else rng.choice(clean)
        text = f"{rng.choice(PREFIXES)}{base}{rng.choice(SUFFIXES)}"
        if rng.random() < 0.3:
            text += f" ({rng.randint(1, 999)})"
        account = f"asn_{rng.randrange(accounts):05d}"
        posted = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 240))
        yield {
            "id": str(10_000_000 + i),
            "author": account,
            "account": account,
            "time": posted.isoformat(),
            "text": text,
            "url": f"https://x.com/{account}/status/{10_000_000 + i}",
        }


def write_jsonl(path: Path, n: int, seed: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for post in posts(n, seed):
            fh.write(json.dumps(post, ensure_ascii=False) + "\n")


def write_x_zip(path: Path, n: int, seed: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("data/tweets.js", "w") as raw:
            raw.write(b"window.YTD.tweets.part0 = [")
            for i, post in enumerate(posts(n, seed)):
                tweet = {"tweet": {"id_str": post["id"], "full_text": post["text"],
                                   "created_at": datetime.fromisoformat(post["time"]).strftime(
                                       "%a %b %d %H:%M:%S +0000 %Y")}}  # fmt: skip
                raw.write((b"," if i else b"") + json.dumps(tweet, ensure_ascii=False).encode())
            raw.write(b"]")
        zf.writestr(
            "data/account.js", 'window.YTD.account.part0 = [{"account": {"username": "asn_demo"}}]'
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--format", choices=["jsonl", "x"], default="jsonl")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    (write_x_zip if args.format == "x" else write_jsonl)(args.out, args.posts, args.seed)
    print(f"{args.posts} unggahan -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
