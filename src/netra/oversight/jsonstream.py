"""Stream the items of a huge JSON array without loading it, keeping each item's exact source text.

X archives hold every tweet in one JavaScript file (`window.YTD.tweets.part0 = [ … ]`) that can be
gigabytes long; Facebook and Instagram exports are JSON arrays too. We read in chunks and let
`json.JSONDecoder.raw_decode` find where each item ends, so memory stays bounded by the largest
single item, and we can fingerprint the item's original bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from netra.oversight.records import ArchiveError

CHUNK = 1 << 20
MAX_ITEM_CHARS = 16 << 20  # one post larger than this is not a post


def iter_json_array(
    stream: TextIO, *, source: str, max_item_chars: int = MAX_ITEM_CHARS
) -> Iterator[tuple[Any, str]]:
    """Yield (item, item source text) for each element of the first top-level JSON array.

    Anything before the first `[` (such as `window.YTD.tweets.part0 = `) is skipped. Raises
    ArchiveError, naming the item number, when the JSON is broken; items already yielded stay
    yielded, so a caller that stores as it goes keeps its progress.
    """
    decoder = json.JSONDecoder()
    buf = ""
    eof = False

    def more() -> bool:
        nonlocal buf, eof
        if eof:
            return False
        chunk = stream.read(CHUNK)
        if not chunk:
            eof = True
            return False
        buf += chunk
        return True

    # Find the opening bracket.
    pos = -1
    while pos < 0:
        pos = buf.find("[")
        if pos < 0 and (len(buf) > CHUNK * 4 or not more()):
            raise ArchiveError(f"{source}: tidak ditemukan daftar JSON ('[').")
    pos += 1
    index = 0
    while True:
        # Skip whitespace and separators.
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) or not more():
                break
        if pos >= len(buf):
            raise ArchiveError(f"{source}: JSON terpotong setelah butir ke-{index}.")
        if buf[pos] == "]":
            return
        while True:
            try:
                item, end = decoder.raw_decode(buf, pos)
                break
            except json.JSONDecodeError:
                if len(buf) - pos > max_item_chars:
                    raise ArchiveError(
                        f"{source}: butir ke-{index + 1} rusak atau terlalu besar."
                    ) from None
                if not more():
                    raise ArchiveError(
                        f"{source}: JSON rusak pada butir ke-{index + 1}; "
                        f"{index} butir sebelumnya sudah terbaca."
                    ) from None
        yield item, buf[pos:end]
        index += 1
        pos = end
        if pos > CHUNK:
            buf = buf[pos:]
            pos = 0
