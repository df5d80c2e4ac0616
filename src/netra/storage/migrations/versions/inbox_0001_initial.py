"""inbox: deliveries, messages, events, replies, units, routing, service standards, holidays,
notifications, FAQ, canned replies, state

Revision ID: inbox_0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "inbox_0001"
down_revision = None
branch_labels = ("inbox",)
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbox_deliveries",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("parsed_at", TS),
    )
    op.create_index("ix_inbox_deliveries_body_sha256", "inbox_deliveries", ["body_sha256"])
    op.create_table(
        "inbox_messages",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("platform_message_id", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("account_id", sa.String(100)),
        sa.Column("thread_key", sa.String(200)),
        sa.Column("parent_platform_id", sa.String(200)),
        sa.Column("author_id", sa.String(100)),
        sa.Column("author_name", sa.String(200)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.Column("posted_at", TS),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("delivery_id", BigId, sa.ForeignKey("inbox_deliveries.id")),
        sa.Column("triage_status", sa.String(20), nullable=False),
        sa.Column("triage_attempts", sa.Integer(), nullable=False),
        sa.Column("triage_claimed_at", TS),
        sa.Column("triage_error", sa.Text()),
        sa.Column("triaged_at", TS),
        sa.Column("intent", sa.String(20)),
        sa.Column("intent_confidence", sa.Float()),
        sa.Column("topic", sa.String(30)),
        sa.Column("urgency", sa.String(10)),
        sa.Column("urgency_reasons", sa.JSON()),
        sa.Column("sentiment", sa.String(20)),
        sa.Column("emotion", sa.String(20)),
        sa.Column("abusive", sa.Boolean()),
        sa.Column("personal_data", sa.Boolean()),
        sa.Column("risk_categories", sa.String(300)),
        sa.Column("redacted_text", sa.Text()),
        sa.Column("lapor_category", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("unit_code", sa.String(40)),
        sa.Column("routing_rule_id", sa.Integer()),
        sa.Column("assignee_id", sa.Integer()),
        sa.Column("first_response_due", TS),
        sa.Column("resolution_due", TS),
        sa.Column("first_response_at", TS),
        sa.Column("resolved_at", TS),
        sa.Column("first_response_escalated_at", TS),
        sa.Column("resolution_escalated_at", TS),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint(
            "platform", "platform_message_id", name="uq_inbox_messages_platform_id"
        ),
    )
    for col in ("thread_key", "received_at", "intent", "topic", "urgency", "assignee_id"):
        op.create_index(f"ix_inbox_messages_{col}", "inbox_messages", [col])
    op.create_index("ix_inbox_messages_triage", "inbox_messages", ["triage_status", "id"])
    op.create_index("ix_inbox_messages_status_unit", "inbox_messages", ["status", "unit_code"])
    op.create_table(
        "inbox_events",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("message_id", BigId, sa.ForeignKey("inbox_messages.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("actor_id", sa.Integer()),
        sa.Column("note", sa.Text()),
        sa.Column("data", sa.JSON()),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_inbox_events_message_id", "inbox_events", ["message_id"])
    op.create_table(
        "inbox_replies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_id", BigId, sa.ForeignKey("inbox_messages.id"), nullable=False),
        sa.Column("author_id", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source", sa.String(40)),
        sa.Column("verdict", sa.String(20)),
        sa.Column("findings", sa.JSON()),
        sa.Column("override_reason", sa.Text()),
        sa.Column("override_by", sa.Integer()),
        sa.Column("platform_reply_id", sa.String(200)),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS),
    )
    op.create_index("ix_inbox_replies_message_id", "inbox_replies", ["message_id"])
    op.create_table(
        "inbox_units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("head_user_id", sa.Integer()),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("code", name="uq_inbox_units_code"),
    )
    op.create_table(
        "inbox_routing_rules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("topic", sa.String(30)),
        sa.Column("intent", sa.String(20)),
        sa.Column("channel", sa.String(20)),
        sa.Column("keywords", sa.String(500)),
        sa.Column("unit_code", sa.String(40), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(300)),
        sa.Column("updated_by", sa.Integer()),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "inbox_service_standards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("intent", sa.String(20)),
        sa.Column("urgency", sa.String(10)),
        sa.Column("first_response", sa.Float()),
        sa.Column("first_response_unit", sa.String(20), nullable=False),
        sa.Column("resolution", sa.Float()),
        sa.Column("resolution_unit", sa.String(20), nullable=False),
        sa.Column("note", sa.String(300)),
        sa.UniqueConstraint("intent", "urgency", name="uq_inbox_service_standards_intent_urgency"),
    )
    op.create_table(
        "inbox_holidays",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_table(
        "inbox_notifications",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer()),
        sa.Column("unit_code", sa.String(40)),
        sa.Column("message_id", BigId, sa.ForeignKey("inbox_messages.id")),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("read_at", TS),
    )
    op.create_index("ix_inbox_notifications_user_id", "inbox_notifications", ["user_id"])
    op.create_table(
        "inbox_faq",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("url", sa.String(1000)),
        sa.Column("topic", sa.String(30)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer()),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "inbox_canned_replies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(20)),
        sa.Column("topic", sa.String(30)),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "inbox_state",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.JSON()),
        sa.Column("updated_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "inbox_state",
        "inbox_canned_replies",
        "inbox_faq",
        "inbox_notifications",
        "inbox_holidays",
        "inbox_service_standards",
        "inbox_routing_rules",
        "inbox_units",
        "inbox_replies",
        "inbox_events",
        "inbox_messages",
        "inbox_deliveries",
    ):
        op.drop_table(table)
