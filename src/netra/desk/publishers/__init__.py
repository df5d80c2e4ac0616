"""Publishers behind one interface (publishers.base.Publisher), one per channel.

Default mapping: x → X API v2, instagram and facebook → Meta Graph API, telegram → Bot API,
mastodon → Mastodon API, whatsapp_channel → the webhook (WhatsApp has no API for channels: the
agency's gateway or an operator receives it), website → the archive and its Atom feed.
`NETRA_DESK_CHANNEL_PUBLISHERS='{"website": "webhook"}'` changes a channel's publisher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netra.desk.publishers.base import (
    MediaFile,
    OutcomeUnknown,
    PermanentError,
    Publisher,
    PublishError,
    PublishRequest,
    PublishResult,
    TransientError,
)
from netra.desk.publishers.feed import FeedPublisher
from netra.desk.publishers.mastodon import MastodonPublisher
from netra.desk.publishers.meta import FacebookPagePublisher, InstagramPublisher
from netra.desk.publishers.telegram import TelegramPublisher
from netra.desk.publishers.webhook import WebhookPublisher
from netra.desk.publishers.x import XPublisher

if TYPE_CHECKING:
    from netra.config import Settings
    from netra.desk.context import DeskConfig

DEFAULT_MAPPING = {
    "x": "x",
    "instagram": "instagram",
    "facebook": "facebook",
    "telegram": "telegram",
    "mastodon": "mastodon",
    "whatsapp_channel": "webhook",
    "website": "feed",
}


def _secret(value) -> str | None:
    return value.get_secret_value() if value is not None else None


def build_publishers(settings: Settings, config: DeskConfig) -> dict[str, Publisher]:
    """channel -> publisher, from configuration (missing credentials show up as `problem()`)."""
    timeout = settings.desk_http_timeout
    meta = settings.desk_meta_base_url
    by_name: dict[str, Publisher] = {
        "x": XPublisher(
            _secret(settings.desk_x_token), base_url=settings.desk_x_base_url, timeout=timeout
        ),
        "instagram": InstagramPublisher(
            settings.desk_instagram_user_id,
            _secret(settings.desk_instagram_token),
            base_url=meta,
            timeout=timeout,
        ),
        "facebook": FacebookPagePublisher(
            settings.desk_facebook_page_id,
            _secret(settings.desk_facebook_page_token),
            base_url=meta,
            timeout=timeout,
        ),
        "telegram": TelegramPublisher(
            _secret(settings.desk_telegram_bot_token),
            settings.desk_telegram_chat_id,
            base_url=settings.desk_telegram_base_url,
            timeout=timeout,
        ),
        "mastodon": MastodonPublisher(
            settings.desk_mastodon_base_url, _secret(settings.desk_mastodon_token), timeout=timeout
        ),
        "webhook": WebhookPublisher(
            settings.desk_webhook_url,
            _secret(settings.desk_webhook_secret),
            window_hours=settings.desk_webhook_window_hours,
            timeout=timeout,
        ),
        "feed": FeedPublisher(config.public_base_url),
    }
    mapping = {**DEFAULT_MAPPING, **settings.desk_channel_publishers}
    unknown = sorted({v for v in mapping.values() if v not in by_name})
    if unknown:
        raise ValueError(
            f"Penerbit tidak dikenal di NETRA_DESK_CHANNEL_PUBLISHERS: {', '.join(unknown)}; "
            f"pilih dari: {', '.join(sorted(by_name))}."
        )
    return {
        channel: by_name[name] for channel, name in mapping.items() if channel in DEFAULT_MAPPING
    }


__all__ = [
    "DEFAULT_MAPPING",
    "FacebookPagePublisher",
    "FeedPublisher",
    "InstagramPublisher",
    "MastodonPublisher",
    "MediaFile",
    "OutcomeUnknown",
    "PermanentError",
    "PublishError",
    "PublishRequest",
    "PublishResult",
    "Publisher",
    "TelegramPublisher",
    "TransientError",
    "WebhookPublisher",
    "XPublisher",
    "build_publishers",
]
