"""`netra serve --demo` (the README's run command): migrates, seeds, prints demo users, serves."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

NETRA = Path(sys.executable).with_name("netra")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_demo_starts_on_an_empty_database(db_url, tmp_path):
    port = _free_port()
    env = os.environ | {
        "NETRA_DATA_DIR": str(tmp_path),
        "NETRA_PORT": str(port),
        "NETRA_DATABASE_URL": db_url,
    }
    proc = subprocess.Popen(
        [str(NETRA), "serve", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read()
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "netra serve did not answer in 60 s"
            time.sleep(0.3)
        with httpx.Client(base_url=base, follow_redirects=False) as client:
            page = client.get("/masuk")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            r = client.post(
                "/masuk", data={"username": "asn", "password": "demo-asn-2024", "csrf_token": token}
            )
            assert r.status_code == 303
            history = client.get("/riwayat?format=json").json()
            assert len(history["records"]) >= 3  # the demo checks
        with httpx.Client(base_url=base, follow_redirects=False) as client:
            page = client.get("/masuk")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            login = {"username": "penulis", "password": "demo-penulis-2024", "csrf_token": token}
            assert client.post("/masuk", data=login).status_code == 303
            assert "Car Free Day" in client.get("/meja").text  # the desk demo
            assert "Griya Asri" in client.get("/kotak-masuk").text  # the inbox demo
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "demo-asn-2024" in err and "demo-admin-2024" in err
    assert "Data demo dibuat" in err
