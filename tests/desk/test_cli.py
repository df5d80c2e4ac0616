"""`netra desk …` from the command line, in Indonesian, on both databases."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from netra.cli import app
from netra.desk import drafts, workflow
from tests.desk.conftest import AUTHOR, REVIEWER, SAFE_TEXT


@pytest.fixture
def cli_env(monkeypatch, tmp_path):
    from netra.config import get_settings

    monkeypatch.setenv("NETRA_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("NETRA_DESK_AGENCY_NAME", "Diskominfo Kota Contoh")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def scheduled_for_website(ctx) -> int:
    d = drafts.create_draft(ctx, AUTHOR, title="Jadwal KTP", text=SAFE_TEXT, channels=["website"])
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    workflow.schedule(ctx, AUTHOR, d.id)
    return d.id


def test_publish_due_then_export_every_format(ctx, url, cli_env, tmp_path):
    scheduled_for_website(ctx)
    run = cli_env.invoke(app, ["desk", "publish-due", "--database-url", url])
    assert run.exit_code == 0, run.output
    assert "terbit 1" in run.output
    again = cli_env.invoke(app, ["desk", "worker", "--once", "--database-url", url])
    assert again.exit_code == 0 and "diklaim 0" in again.output

    csv_out = cli_env.invoke(
        app, ["desk", "archive", "export", "--format", "csv", "--database-url", url]
    )
    assert csv_out.exit_code == 0 and "Jadwal KTP" in csv_out.output
    assert csv_out.output.lstrip("\ufeff").startswith("id,diterbitkan,kanal")

    json_path = tmp_path / "arsip.json"
    done = cli_env.invoke(
        app,
        [
            "desk",
            "archive",
            "export",
            "--format",
            "json",
            "--out",
            str(json_path),
            "--channel",
            "website",
            "--database-url",
            url,
        ],
    )
    assert done.exit_code == 0 and "1 unggahan diekspor" in done.output
    assert json.loads(json_path.read_text())[0]["title"] == "Jadwal KTP"

    pdf_path = tmp_path / "arsip.pdf"
    pdf = cli_env.invoke(
        app,
        [
            "desk",
            "archive",
            "export",
            "--format",
            "pdf",
            "--out",
            str(pdf_path),
            "--database-url",
            url,
        ],
    )
    assert pdf.exit_code == 0 and pdf_path.read_bytes().startswith(b"%PDF-")
    refused = cli_env.invoke(
        app, ["desk", "archive", "export", "--format", "pdf", "--database-url", url]
    )
    assert refused.exit_code == 2 and "--out" in refused.output

    feed = cli_env.invoke(app, ["desk", "feed", "--database-url", url])
    assert feed.exit_code == 0 and "Diskominfo Kota Contoh" in feed.output

    audit = cli_env.invoke(app, ["audit", "verify", "--database-url", url])
    assert audit.exit_code == 0 and "Rantai audit utuh" in audit.output


def test_bad_filters_are_explained_not_thrown(ctx, url, cli_env):
    bad = cli_env.invoke(
        app, ["desk", "archive", "export", "--from", "kemarin", "--database-url", url]
    )
    assert bad.exit_code == 2 and "Tanggal harus berformat" in bad.output
    wrong = cli_env.invoke(
        app, ["desk", "archive", "export", "--format", "xls", "--database-url", url]
    )
    assert wrong.exit_code != 0 and "Traceback" not in wrong.output


def test_publish_due_exits_non_zero_when_a_channel_fails(
    url, tmp_path, clock, checker, cli_env, monkeypatch
):
    from tests.desk.conftest import make_context

    monkeypatch.setenv("NETRA_DESK_CHANNEL_PUBLISHERS", '{"website": "webhook"}')
    monkeypatch.setenv("NETRA_DESK_WEBHOOK_URL", "http://127.0.0.1:9/hook")  # nothing listens
    monkeypatch.setenv("NETRA_DESK_WEBHOOK_SECRET", "rahasia-yang-cukup-panjang")
    ctx = make_context(url, tmp_path, clock, checker, max_attempts=1)  # jobs keep this limit
    scheduled_for_website(ctx)
    run = cli_env.invoke(app, ["desk", "publish-due", "--database-url", url])
    assert run.exit_code == 1 and "gagal 1" in run.output
    ctx.db.dispose()
