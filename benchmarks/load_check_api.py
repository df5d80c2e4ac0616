"""Load benchmark of `POST /api/v1/check` (bounded in count and time).

Starts `netra serve` with N uvicorn workers on 127.0.0.1 on a fresh SQLite database in a temporary
directory, creates a user and an API token, then drives the API from this (second) process with
C concurrent keep-alive clients over raw HTTP/1.1 (asyncio streams; a light client so that the
measurement is of the server, not of an HTTP library). Two scenarios:

- closed loop: every client sends its next request as soon as the previous one is answered
  (saturation: requests/s is the server's capacity; latency includes queueing);
- paced: every client sends one request per second (100 clients ≈ 100 requests/s, the load of a
  busy agency), which is what "p95 at 100 concurrent clients" means for people typing.

Usage: .venv/bin/python benchmarks/load_check_api.py [--workers 2] [--clients 100]
       [--requests 3000] [--duration 30] [--paced-seconds 10] [--chars 300]
Prints a table and one JSON line per scenario.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NETRA = Path(sys.executable).with_name("netra")

# Realistic posts, cut or padded to the requested length.
POSTS = [
    "Selamat pagi warga! Pelayanan perekaman KTP elektronik di kantor kecamatan dibuka pukul "
    "08.00 sampai 15.00 WIB setiap hari kerja. Bawa fotokopi kartu keluarga dan surat pengantar "
    "RT/RW. Antrean dapat diambil secara daring melalui aplikasi layanan kependudukan. Terima "
    "kasih atas kesabarannya dan tetap patuhi tata tertib di ruang tunggu ya. #LayananPublik",
    "Ayo dukung calon nomor urut 2 di pilkada nanti, pemimpin yang peduli ASN dan honorer! "
    "Jangan lupa ajak keluarga dan tetangga ke TPS. Info lengkap hubungi saya di 0812-3456-7890 "
    "atau kirim surel ke budi.santoso@example.go.id. NIK saya 3174012345670003 untuk pendataan "
    "relawan. Bagikan ke grup WhatsApp kantor sebanyak-banyaknya sebelum masa tenang dimulai.",
    "Beredar kabar vaksin mengandung chip pelacak dan menyebabkan kemandulan. Informasi ini belum "
    "terverifikasi, mohon jangan langsung dibagikan. Cek dulu ke situs resmi Kementerian "
    "Kesehatan atau kanal cek fakta Kominfo sebelum meneruskan pesan berantai ke grup keluarga. "
    "Mari bersama melawan hoaks dan menjaga ruang digital kita tetap sehat dan bermartabat.",
]


def post_of_length(i: int, chars: int) -> str:
    base = POSTS[i % len(POSTS)]
    while len(base) < chars:
        base += " " + base
    return base[:chars]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(data_dir: Path) -> str:
    """Migrate a fresh database, create a user and return a clear API token."""
    os.environ["NETRA_DATA_DIR"] = str(data_dir)
    from netra.accounts import service, sessions
    from netra.config import get_settings
    from netra.storage.db import make_engine, session_scope
    from netra.storage.migrate import upgrade

    get_settings.cache_clear()
    engine = make_engine(get_settings().resolved_database_url)
    upgrade(engine)
    with session_scope(engine) as s:
        user = service.create_user(s, "bench", "Bench", "sandi-bench-123", ["asn"])
        token, _ = sessions.create_token(s, user, "bench")
    engine.dispose()
    return token


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            if not lat:
                return float("nan")
            return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 2)

        return {
            "scenario": self.name,
            "requests": len(lat),
            "errors": self.errors,
            "statuses": self.statuses,
            "seconds": round(self.elapsed, 2),
            "requests_per_s": round(len(lat) / self.elapsed, 1) if self.elapsed else 0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "mean_ms": round(1000 * statistics.fmean(lat), 2) if lat else float("nan"),
        }


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.head = (
            "POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        ).encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, body: bytes) -> int:
        assert self.reader and self.writer
        self.writer.write(self.head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await self.writer.drain()
        header = await self.reader.readuntil(b"\r\n\r\n")
        status = int(header.split(b" ", 2)[1])
        length = 0
        for line in header.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer:
            self.writer.close()


async def run_scenario(
    name: str,
    port: int,
    token: str,
    clients: int,
    chars: int,
    *,
    max_requests: int,
    max_seconds: float,
    interval: float | None,
) -> Result:
    result = Result(name)
    bodies = [
        json.dumps(
            {"text": post_of_length(i, chars), "context": {"account": "personal"}},
            ensure_ascii=False,
        ).encode()
        for i in range(len(POSTS))
    ]
    conns = [Connection(port, token) for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in conns))
    sent = 0
    start = time.perf_counter()
    deadline = start + max_seconds

    async def client(idx: int, conn: Connection) -> None:
        nonlocal sent
        n = 0
        next_at = start + (interval or 0) * idx / max(1, clients)  # spread the paced clients
        while sent < max_requests and time.perf_counter() < deadline:
            if interval:
                delay = next_at - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                next_at += interval
            sent += 1
            t0 = time.perf_counter()
            try:
                status = await conn.post(bodies[(idx + n) % len(bodies)])
            except (OSError, asyncio.IncompleteReadError):
                result.errors += 1
                return
            result.latencies.append(time.perf_counter() - t0)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status != 200:
                result.errors += 1
            n += 1

    await asyncio.gather(*(client(i, c) for i, c in enumerate(conns)))
    result.elapsed = time.perf_counter() - start
    for c in conns:
        c.close()
    return result


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                "netra serve exited:\n" + (proc.stderr.read() if proc.stderr else "")
            )
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError("netra serve did not become healthy")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--requests", type=int, default=3000, help="closed loop: at most this many")
    ap.add_argument("--duration", type=float, default=30, help="each scenario: at most seconds")
    ap.add_argument("--paced-seconds", type=float, default=10, help="paced: seconds (0 = skip)")
    ap.add_argument("--chars", type=int, default=300)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="netra-load-") as tmp:
        data_dir = Path(tmp)
        token = prepare(data_dir)
        port = free_port()
        env = os.environ | {
            "NETRA_DATA_DIR": str(data_dir),
            "NETRA_API_RATE_PER_MINUTE": "100000000",  # the bucket runs, but never refuses
            "NETRA_API_BURST": "100000",
        }
        proc = subprocess.Popen(
            [str(NETRA), "serve", "--workers", str(args.workers), "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_healthy(port, proc)
            # Warm up every worker (engine built, connections pooled).
            asyncio.run(
                run_scenario(
                    "warm-up",
                    port,
                    token,
                    args.workers * 4,
                    args.chars,
                    max_requests=200,
                    max_seconds=60,
                    interval=None,
                )
            )
            results = [
                asyncio.run(
                    run_scenario(
                        "closed loop",
                        port,
                        token,
                        args.clients,
                        args.chars,
                        max_requests=args.requests,
                        max_seconds=args.duration,
                        interval=None,
                    )
                )
            ]
            if args.paced_seconds > 0:
                results.append(
                    asyncio.run(
                        run_scenario(
                            "paced 1 req/s per client",
                            port,
                            token,
                            args.clients,
                            args.chars,
                            max_requests=10**9,
                            max_seconds=args.paced_seconds,
                            interval=1.0,
                        )
                    )
                )
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()

    print(
        f"POST /api/v1/check, {args.chars}-character posts, {args.workers} uvicorn workers, "
        f"{args.clients} concurrent keep-alive clients, {os.cpu_count()} CPU cores"
    )
    print(
        f"{'scenario':28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8}"
    )
    for r in results:
        s = r.summary()
        print(
            f"{s['scenario']:28} {s['requests']:>8} {s['errors']:>6} {s['requests_per_s']:>8} "
            f"{s['p50_ms']:>8} {s['p95_ms']:>8} {s['p99_ms']:>8}"
        )
    for r in results:
        print(
            json.dumps(
                r.summary()
                | {"workers": args.workers, "clients": args.clients, "chars": args.chars}
            )
        )
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
