"""Is this delivery really from the platform? Constant-time checks, failing closed.

- Meta signs the raw body: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`,
  and subscribes with a GET handshake (`hub.mode=subscribe`, `hub.verify_token`,
  `hub.challenge`) that must echo the challenge only when the token matches.
- Telegram sends the `secret_token` given to `setWebhook` back in
  `X-Telegram-Bot-Api-Secret-Token`.
- Netra's generic webhook (and its outgoing replies) sign like Meta:
  `X-Netra-Signature: sha256=<hex HMAC-SHA256(shared secret, body)>`.

A missing secret in the configuration refuses every delivery (`NotConfigured`) rather than
accepting unsigned ones.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from netra.inbox.errors import NotConfigured, SignatureError

META_SIGNATURE_HEADER = "X-Hub-Signature-256"
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
GENERIC_SIGNATURE_HEADER = "X-Netra-Signature"
_PREFIX = "sha256="


def sign_body(body: bytes, secret: str) -> str:
    """The header value for `body` signed with `secret` (`sha256=<hex>`)."""
    return _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _check_hmac(body: bytes, header: str | None, secret: str | None, what: str) -> None:
    if not secret:
        raise NotConfigured(
            "not_configured", f"Rahasia penandatanganan {what} belum diatur; pengiriman ditolak."
        )
    if not header:
        raise SignatureError("missing_signature", f"Tanda tangan {what} tidak ada.")
    header = header.strip()
    if not header.lower().startswith(_PREFIX):
        raise SignatureError("bad_signature", f"Format tanda tangan {what} tidak dikenal.")
    expected = sign_body(body, secret)
    given = _PREFIX + header[len(_PREFIX) :].lower()
    if not hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace")):
        raise SignatureError("bad_signature", f"Tanda tangan {what} tidak cocok.")


def verify_meta_signature(body: bytes, header: str | None, app_secret: str | None) -> None:
    """Raise unless `header` is Meta's HMAC-SHA256 of the raw `body` with the app secret."""
    _check_hmac(body, header, app_secret, "Meta (X-Hub-Signature-256)")


def verify_generic_signature(body: bytes, header: str | None, secret: str | None) -> None:
    """Raise unless `header` is the HMAC-SHA256 of `body` with the shared webhook secret."""
    _check_hmac(body, header, secret, "webhook (X-Netra-Signature)")


def verify_telegram_secret(header: str | None, secret: str | None) -> None:
    """Raise unless Telegram echoed the `secret_token` set with `setWebhook`."""
    if not secret:
        raise NotConfigured(
            "not_configured", "Token rahasia webhook Telegram belum diatur; pengiriman ditolak."
        )
    if not header:
        raise SignatureError("missing_signature", "Token rahasia Telegram tidak ada.")
    if not hmac.compare_digest(secret.encode("utf-8"), header.strip().encode("utf-8")):
        raise SignatureError("bad_signature", "Token rahasia Telegram tidak cocok.")


def meta_handshake(params: Mapping[str, str], verify_token: str | None) -> str:
    """The `hub.challenge` to echo when Meta subscribes the webhook; raise otherwise."""
    if not verify_token:
        raise NotConfigured("not_configured", "Token verifikasi webhook Meta belum diatur.")
    if params.get("hub.mode") != "subscribe":
        raise SignatureError("bad_handshake", "Permintaan verifikasi Meta tidak dikenal.")
    token = params.get("hub.verify_token") or ""
    if not hmac.compare_digest(verify_token.encode("utf-8"), token.encode("utf-8")):
        raise SignatureError("bad_handshake", "Token verifikasi Meta tidak cocok.")
    challenge = params.get("hub.challenge") or ""
    if not challenge or len(challenge) > 200:
        raise SignatureError("bad_handshake", "Tantangan (hub.challenge) tidak valid.")
    return challenge
