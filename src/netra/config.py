"""Settings from the environment (prefix NETRA_), cached. One place for every tunable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETRA_", env_file=".env", extra="ignore")

    # Where Netra keeps its own files (database, agency rule additions, uploads).
    data_dir: Path = Path("var")
    database_url: str | None = None  # default: sqlite:///<data_dir>/netra.db
    secret_key: str | None = None  # default: generated once and kept in <data_dir>/secret.key
    host: str = "127.0.0.1"
    port: int = 8000

    # Engine limits.
    max_text_chars: int = 50_000
    max_batch: int = 1_000
    # Extra rule directories (agency additions); <data_dir>/rules is always included.
    rules_dirs: list[Path] = []

    # Web app (netra.web). Cookie `Secure` flag: None = when the request came over HTTPS.
    cookie_secure: bool | None = None
    forwarded_allow_ips: str = "127.0.0.1"  # proxies trusted for X-Forwarded-Proto/For
    workers: int = 1
    session_hours: int = 12  # absolute session lifetime
    session_idle_minutes: int = 120
    login_max_failures: int = 5  # consecutive failures before the account is locked
    login_lockout_minutes: int = 15
    # Login attempts per client address per minute, on top of the per-account lock-out. Behind
    # one NAT a whole office shares an address: raise it there (the lock-out still protects).
    login_attempts_per_minute: int = Field(default=10, ge=1)
    api_rate_per_minute: int = 600  # per API token (or per session user); 0 disables
    api_burst: int = 120
    max_request_bytes: int = 5_000_000  # JSON bodies (a batch of up to max_batch posts)
    max_form_bytes: int = 400_000  # HTML form posts
    max_upload_bytes: int = 2_000_000_000  # oversight archive uploads (one file per request)

    # Fact-check knowledge base (netra.factcheck). See docs/factcheck.md.
    factcheck_max_import_bytes: int = 200_000_000  # one CSV/JSONL/feed file
    factcheck_threshold: float | None = None  # override the calibrated "any match" threshold
    # The web checker and API cite the knowledge base's debunks when it holds claims (loaded in
    # the background after start; each check then embeds the post, tens of milliseconds).
    factcheck_in_checker: bool = True

    # Communication desk (netra.desk): scheduling, attachments, publishers. See docs/desk.md.
    desk_timezone: str = "Asia/Jakarta"  # WIB; Asia/Makassar = WITA, Asia/Jayapura = WIT
    desk_agency_name: str = "Humas"
    desk_max_attempts: int = 5  # per channel, before a post is `failed`
    desk_backoff_seconds: float = 30.0  # first retry delay; doubles per attempt
    desk_backoff_max_seconds: float = 3600.0
    desk_lease_seconds: int = 300  # a worker's claim on a job; longer than any publish call
    desk_poll_seconds: float = 15.0
    desk_scheduler: bool = False  # run the scheduler in the web app (`serve --demo` turns it on)
    desk_http_timeout: float = 20.0
    desk_image_max_bytes: int = 8_000_000
    desk_pdf_max_bytes: int = 20_000_000
    desk_image_max_pixels: int = 40_000_000  # image bombs: refused from the header alone
    desk_channel_publishers: dict[str, str] = {}  # e.g. {"website": "webhook"}
    desk_public_base_url: str | None = None  # where attachments are public (Instagram fetches)
    desk_webhook_url: str | None = None
    desk_webhook_secret: SecretStr | None = None
    desk_webhook_window_hours: float = 24.0  # how long the receiver remembers idempotency keys
    desk_telegram_base_url: str = "https://api.telegram.org"
    desk_telegram_bot_token: SecretStr | None = None
    desk_telegram_chat_id: str | None = None  # e.g. @humas_kota or -100123…
    desk_mastodon_base_url: str | None = None
    desk_mastodon_token: SecretStr | None = None
    desk_mastodon_max_chars: int = 500
    desk_x_base_url: str = "https://api.x.com"
    desk_x_token: SecretStr | None = None  # OAuth 2.0 user-context access token
    desk_meta_base_url: str = "https://graph.facebook.com/v21.0"
    desk_facebook_page_id: str | None = None
    desk_facebook_page_token: SecretStr | None = None
    desk_instagram_user_id: str | None = None
    desk_instagram_token: SecretStr | None = None

    # Citizen inbox (netra.inbox). See docs/inbox.md.
    inbox_timezone: str = "Asia/Jakarta"  # WIB; Asia/Makassar = WITA, Asia/Jayapura = WIT
    inbox_max_body_bytes: int = 1_000_000  # one webhook delivery or polled page
    inbox_max_message_chars: int = 10_000  # longer texts are cut (the raw delivery is kept)
    inbox_max_import_bytes: int = 50_000_000
    inbox_default_unit: str = "humas"  # where a message goes when no routing rule matches
    inbox_http_timeout: float = 20.0
    inbox_meta_app_secret: SecretStr | None = None  # X-Hub-Signature-256 key
    inbox_meta_verify_token: SecretStr | None = None  # GET hub.verify_token handshake
    inbox_meta_base_url: str = "https://graph.facebook.com/v21.0"
    inbox_meta_page_token: SecretStr | None = None  # replies to comments and Messenger
    inbox_telegram_base_url: str = "https://api.telegram.org"
    inbox_telegram_bot_token: SecretStr | None = None
    inbox_telegram_secret_token: SecretStr | None = None  # X-Telegram-Bot-Api-Secret-Token
    inbox_x_base_url: str = "https://api.x.com"
    inbox_x_token: SecretStr | None = None  # OAuth 2.0 user-context token (mentions, replies)
    inbox_x_user_id: str | None = None  # the agency's X account id (mentions timeline)
    inbox_webhook_secret: SecretStr | None = None  # generic signed webhook (in and out)
    inbox_reply_webhook_url: str | None = None  # where replies to `webhook` messages go

    @property
    def agency_rules_dir(self) -> Path:
        return self.data_dir / "rules"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'netra.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
