"""X API v2 tweet pages (the mentions timeline, `GET /2/users/:id/mentions`).

Each tweet in `data` becomes a message: the thread is its `conversation_id`, the parent the
tweet it `replied_to`; the author's `@username` comes from `includes.users`.
"""

from __future__ import annotations

from typing import Any

from netra.inbox.records import IncomingMessage, from_iso
from netra.inbox.webhooks.common import (
    MAX_ITEMS_PER_DELIVERY,
    Parsed,
    as_dict,
    as_list,
    payload_error,
    text_of,
)


def parse_x(payload: Any) -> Parsed:
    if not isinstance(payload, dict) or not ("data" in payload or "meta" in payload):
        raise payload_error("bukan halaman X API v2 (data/meta)")
    tweets = as_list(payload.get("data"))
    if len(tweets) > MAX_ITEMS_PER_DELIVERY:
        raise payload_error(f"lebih dari {MAX_ITEMS_PER_DELIVERY} tweet dalam satu halaman")
    users = {
        str(u.get("id")): u
        for u in map(as_dict, as_list(as_dict(payload.get("includes")).get("users")))
    }
    out = Parsed()
    for tweet in map(as_dict, tweets):
        text = text_of(tweet.get("text"))
        if text is None or not tweet.get("id"):
            out.skipped += 1
            continue
        parent = next(
            (
                str(r.get("id"))
                for r in map(as_dict, as_list(tweet.get("referenced_tweets")))
                if r.get("type") == "replied_to"
            ),
            None,
        )
        author = users.get(str(tweet.get("author_id")), {})
        out.messages.append(
            IncomingMessage(
                platform="x",
                platform_message_id=str(tweet["id"]),
                text=text,
                thread_key=f"x:{tweet['conversation_id']}"
                if tweet.get("conversation_id")
                else None,
                parent_platform_id=parent,
                author_id=tweet.get("author_id"),
                author_name=f"@{author['username']}"
                if author.get("username")
                else author.get("name"),
                posted_at=from_iso(tweet.get("created_at")),
            )
        )
    return out
