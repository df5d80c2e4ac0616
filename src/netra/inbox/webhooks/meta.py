"""Meta webhooks: Facebook Page feed comments, Messenger, Instagram comments and messages.

Shapes handled (Graph API webhooks reference):

- `object: "page"`, `entry[].changes[]` with `field: "feed"` and `value.item` `comment` or
  `post`, `verb: "add"`: a comment (or a visitor post) on the Page. Ids: `comment_id`/`post_id`;
  the thread is the post, `parent_id` the comment replied to. Comments by the Page itself are
  our own replies and are skipped.
- `object: "page"` or `"instagram"`, `entry[].messaging[]` with `message`: a Messenger /
  Instagram direct message (`mid`); echoes of our own messages (`is_echo`), delivery and read
  receipts are skipped.
- `object: "instagram"`, `entry[].changes[]` with `field: "comments"`: a comment on our media.
"""

from __future__ import annotations

from typing import Any

from netra.inbox.records import IncomingMessage, from_unix
from netra.inbox.webhooks.common import (
    MAX_ITEMS_PER_DELIVERY,
    Parsed,
    as_dict,
    as_list,
    payload_error,
    text_of,
)


def parse_meta(payload: Any) -> Parsed:
    """Citizen messages in one Meta delivery."""
    if not isinstance(payload, dict) or payload.get("object") not in ("page", "instagram"):
        raise payload_error("bukan kiriman webhook Meta (object page/instagram)")
    instagram = payload["object"] == "instagram"
    out = Parsed()
    items = 0
    for entry in as_list(payload.get("entry")):
        entry = as_dict(entry)
        account = str(entry.get("id") or "")
        for change in as_list(entry.get("changes")):
            items += 1
            message = _from_change(as_dict(change), account, instagram)
            _add(out, message)
        for event in as_list(entry.get("messaging")):
            items += 1
            message = _from_messaging(as_dict(event), account, instagram)
            _add(out, message)
        if items > MAX_ITEMS_PER_DELIVERY:
            raise payload_error(f"lebih dari {MAX_ITEMS_PER_DELIVERY} butir dalam satu kiriman")
    return out


def _add(out: Parsed, message: IncomingMessage | None) -> None:
    if message is None:
        out.skipped += 1
    else:
        out.messages.append(message)


def _from_change(change: dict[str, Any], account: str, instagram: bool) -> IncomingMessage | None:
    value = as_dict(change.get("value"))
    field = change.get("field")
    if instagram and field == "comments":
        sender = as_dict(value.get("from"))
        text = text_of(value.get("text"))
        if not value.get("id") or text is None or str(sender.get("id")) == account:
            return None
        media = as_dict(value.get("media"))
        return IncomingMessage(
            platform="instagram",
            platform_message_id=str(value["id"]),
            text=text,
            account_id=account or None,
            thread_key=f"ig:{media.get('id')}" if media.get("id") else None,
            parent_platform_id=value.get("parent_id"),
            author_id=sender.get("id"),
            author_name=sender.get("username"),
        )
    if field != "feed" or value.get("item") not in ("comment", "post"):
        return None
    if value.get("verb") != "add":
        return None  # edits, hides and removals are not new messages
    sender = as_dict(value.get("from"))
    if account and str(sender.get("id")) == account:
        return None  # the Page's own comment: our reply coming back
    text = text_of(value.get("message"))
    item_id = value.get("comment_id") if value.get("item") == "comment" else value.get("post_id")
    if not item_id or text is None:
        return None
    post_id = value.get("post_id")
    parent = value.get("parent_id")
    return IncomingMessage(
        platform="facebook",
        platform_message_id=str(item_id),
        text=text,
        account_id=account or None,
        thread_key=f"fb:{post_id}" if post_id else None,
        parent_platform_id=parent if parent and parent != post_id else None,
        author_id=sender.get("id"),
        author_name=sender.get("name"),
        posted_at=from_unix(value.get("created_time")),
    )


def _from_messaging(event: dict[str, Any], account: str, instagram: bool) -> IncomingMessage | None:
    message = as_dict(event.get("message"))
    if not message or message.get("is_echo") or not message.get("mid"):
        return None
    sender = str(as_dict(event.get("sender")).get("id") or "")
    if not sender or sender == account:
        return None
    text = text_of(message.get("text"))
    if text is None:
        kinds = [
            str(as_dict(a).get("type") or "berkas") for a in as_list(message.get("attachments"))
        ]
        if not kinds:
            return None
        text = "[lampiran: " + ", ".join(kinds[:5]) + "]"
    platform = "instagram_dm" if instagram else "messenger"
    return IncomingMessage(
        platform=platform,
        platform_message_id=str(message["mid"]),
        text=text,
        account_id=account or None,
        thread_key=f"{platform}:{account}:{sender}",
        parent_platform_id=as_dict(message.get("reply_to")).get("mid"),
        author_id=sender,
        posted_at=from_unix(event.get("timestamp")),
    )
