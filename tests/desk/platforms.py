"""Local implementations of each platform's documented publishing endpoints, for the tests.

Each checks what the real platform checks first (the credential, the required fields) and
answers in the platform's own success and error shapes."""

from __future__ import annotations

from tests.desk.servers import MockServer, Recorded, Reply

TELEGRAM_TOKEN = "123456:ABC-tok_en"
MASTODON_TOKEN = "masto-token-xyz"
X_TOKEN = "x-user-context-token"
PAGE_TOKEN = "page-access-token"
IG_TOKEN = "ig-user-token"
PAGE_ID = "1122334455"
IG_USER = "17841400000000"
WEBHOOK_SECRET = "rahasia-webhook-yang-panjang"


def telegram(server: MockServer, req: Recorded) -> Reply:
    prefix = f"/bot{TELEGRAM_TOKEN}/"
    if not req.path.startswith(prefix):
        return Reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    method = req.path[len(prefix) :]
    fields = req.json() if method == "sendMessage" else req.form()
    if fields.get("chat_id") != "@humas_kota":
        return Reply(
            400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        )
    if method == "sendMessage" and not fields.get("text"):
        return Reply(
            400,
            {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"},
        )
    if method in ("sendPhoto", "sendDocument"):
        files = req.multipart()
        key = "photo" if method == "sendPhoto" else "document"
        if key not in files or not isinstance(files[key], tuple):
            return Reply(
                400,
                {
                    "ok": False,
                    "error_code": 400,
                    "description": f"Bad Request: there is no {key} in the request",
                },
            )
        if len(fields.get("caption", "")) > 1024:
            return Reply(
                400,
                {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: message caption is too long",
                },
            )
    server.state["n"] = server.state.get("n", 0) + 1
    return Reply(
        200,
        {
            "ok": True,
            "result": {
                "message_id": 700 + server.state["n"],
                "chat": {"id": -100123, "type": "channel", "username": "humas_kota"},
            },
        },
    )


def mastodon(server: MockServer, req: Recorded) -> Reply:
    if req.headers.get("authorization") != f"Bearer {MASTODON_TOKEN}":
        return Reply(401, {"error": "The access token is invalid"})
    if req.path == "/api/v2/media":
        files = req.multipart()
        if "file" not in files:
            return Reply(422, {"error": "Validation failed: File can't be blank"})
        server.state["media"] = server.state.get("media", 0) + 1
        return Reply(
            200,
            {
                "id": f"m{server.state['media']}",
                "type": "image",
                "url": "https://files.example/m.jpg",
                "description": files.get("description"),
            },
        )
    if req.path == "/api/v1/statuses":
        body = req.json()
        if not body.get("status") and not body.get("media_ids"):
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        key = req.headers.get("idempotency-key")
        seen = server.state.setdefault("keys", {})
        if key and key in seen:  # documented: the same key returns the original status
            return Reply(200, seen[key])
        statuses = server.state.setdefault("statuses", [])
        status = {
            "id": str(9000 + len(statuses)),
            "url": f"https://m.example/@humas/{9000 + len(statuses)}",
            "content": body["status"],
            "media_ids": body.get("media_ids", []),
        }
        statuses.append(status)
        if key:
            seen[key] = status
        return Reply(200, status)
    return Reply(404, {"error": "Record not found"})


def x_api(server: MockServer, req: Recorded) -> Reply:
    if req.headers.get("authorization") != f"Bearer {X_TOKEN}":
        return Reply(
            401,
            {
                "title": "Unauthorized",
                "type": "about:blank",
                "status": 401,
                "detail": "Unauthorized",
            },
        )
    if req.path == "/2/media/upload":
        files = req.multipart()
        if "media" not in files or files.get("media_category") != "tweet_image":
            return Reply(400, {"errors": [{"message": "media and media_category required"}]})
        server.state["media"] = server.state.get("media", 0) + 1
        return Reply(
            200,
            {
                "data": {
                    "id": f"17{server.state['media']:05d}",
                    "media_key": f"3_17{server.state['media']:05d}",
                    "size": len(files["media"][2]),
                }
            },
        )
    if req.path == "/2/tweets":
        body = req.json()
        tweets = server.state.setdefault("tweets", [])
        if any(t["text"] == body.get("text") for t in tweets):
            return Reply(
                403,
                {
                    "detail": "You are not allowed to create a Tweet with duplicate content.",
                    "type": "about:blank",
                    "title": "Forbidden",
                    "status": 403,
                },
            )
        tweets.append(body)
        return Reply(
            201,
            {"data": {"id": str(1445880548472328192 + len(tweets)), "text": body.get("text", "")}},
        )
    return Reply(404, {"title": "Not Found"})


def meta(server: MockServer, req: Recorded) -> Reply:
    fields = req.form() if req.method == "POST" else {k: v[0] for k, v in req.query.items()}
    token = fields.get("access_token")
    if req.path.startswith(f"/{PAGE_ID}/"):
        if token != PAGE_TOKEN:
            return Reply(
                400,
                {
                    "error": {
                        "message": "Invalid OAuth access token.",
                        "type": "OAuthException",
                        "code": 190,
                        "fbtrace_id": "Abc",
                    }
                },
            )
        if req.path.endswith("/photos"):
            files = req.multipart()
            if "source" not in files or fields.get("published") != "false":
                return Reply(
                    400,
                    {
                        "error": {
                            "message": "(#100) source required",
                            "type": "OAuthException",
                            "code": 100,
                        }
                    },
                )
            server.state["photos"] = server.state.get("photos", 0) + 1
            return Reply(200, {"id": f"5550{server.state['photos']}"})
        if req.path.endswith("/feed"):
            if not fields.get("message"):
                return Reply(
                    400,
                    {
                        "error": {
                            "message": "(#100) message required",
                            "type": "OAuthException",
                            "code": 100,
                        }
                    },
                )
            posts = server.state.setdefault("posts", [])
            posts.append(fields)
            return Reply(200, {"id": f"{PAGE_ID}_{len(posts)}"})
    if req.path.startswith(f"/{IG_USER}/") or req.path.startswith("/c"):
        if token != IG_TOKEN:
            return Reply(
                400,
                {
                    "error": {
                        "message": "Invalid OAuth access token.",
                        "type": "OAuthException",
                        "code": 190,
                    }
                },
            )
        if req.path.endswith("/media"):
            if not fields.get("image_url", "").startswith("https://"):
                return Reply(
                    400,
                    {
                        "error": {
                            "message": "image_url must be public",
                            "type": "OAuthException",
                            "code": 9004,
                        }
                    },
                )
            containers = server.state.setdefault("containers", [])
            containers.append(fields)
            return Reply(200, {"id": f"c{len(containers)}"})
        if req.path.endswith("/media_publish"):
            published = server.state.setdefault("published", [])
            if fields.get("creation_id") in published:
                return Reply(
                    400,
                    {
                        "error": {
                            "message": "container already published",
                            "type": "OAuthException",
                            "code": 9007,
                        }
                    },
                )
            published.append(fields.get("creation_id"))
            return Reply(200, {"id": f"1790{len(published)}"})
        if req.method == "GET":  # container status
            return Reply(200, {"status_code": "FINISHED", "id": req.path.strip("/")})
    return Reply(404, {"error": {"message": "Unknown path", "code": 803}})


def webhook(server: MockServer, req: Recorded) -> Reply:
    """A receiver that verifies the signature and de-duplicates by Idempotency-Key."""
    from netra.desk.publishers.webhook import verify_signature

    ts = req.headers.get("x-netra-timestamp", "")
    sig = req.headers.get("x-netra-signature", "")
    if not verify_signature(WEBHOOK_SECRET, ts, req.body, sig):
        return Reply(401, {"error": "bad signature"})
    key = req.headers.get("idempotency-key")
    delivered = server.state.setdefault("delivered", {})
    if key in delivered:
        return Reply(200, delivered[key])
    post = {
        "id": f"wh-{len(delivered) + 1}",
        "url": f"https://gateway.example/{len(delivered) + 1}",
    }
    delivered[key] = post
    server.state.setdefault("bodies", []).append(req.json())
    return Reply(201, post)
