"""The public portal under load: gunicorn (2 sync workers with threads) serving /portal/ from
a seeded SQLite database; concurrent keep-alive clients hammer it for BENCH_PORTAL_DETIK
seconds, three runs. Target (issue 7): >= 500 requests/s on this 2-core machine, which the
60-second full-page cache makes possible (a hit runs no query). Reported as seconds per request
(1 / throughput) so run.py's median/target check applies; the note gives requests/s.

The load generator is a tiny asyncio HTTP/1.1 client (raw streams, keep-alive), because a
heavier client would take the CPU the server needs on the same two cores."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from apps.kependudukan.demo import generate_penduduk
from bench.bench_demo import SEED, siapkan_wilayah

ROOT = Path(__file__).resolve().parent.parent
PENDUDUK = int(os.environ.get("BENCH_PORTAL_PENDUDUK", "20000"))
DETIK = float(os.environ.get("BENCH_PORTAL_DETIK", "10"))
KONEKSI = int(os.environ.get("BENCH_PORTAL_KONEKSI", "32"))
TARGET_RPS = 500

_SETTINGS = '''from edesa.settings import *  # noqa: F401,F403
STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
'''


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _klien(port: int, path: str, sampai: float, hitung: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode()
    try:
        while time.perf_counter() < sampai:
            writer.write(req)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            panjang = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    panjang = int(line.split(b":")[1])
            await reader.readexactly(panjang)
            hitung[0 if status == 200 else 1] += 1
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


async def _beban(port: int, path: str) -> tuple[int, int, float]:
    hitung = [0, 0]
    mulai = time.perf_counter()
    await asyncio.gather(*[_klien(port, path, mulai + DETIK, hitung) for _ in range(KONEKSI)])
    return hitung[0], hitung[1], time.perf_counter() - mulai


def _tunggu(port: int, proc) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError("gunicorn berhenti: " + proc.stderr.read().decode()[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn tidak menjawab")


def run(report):
    desa_rt = siapkan_wilayah()
    generate_penduduk(desa_rt=desa_rt, jumlah=PENDUDUK, seed=SEED)
    from bench.bench_dasbor import isi_aspirasi

    isi_aspirasi(PENDUDUK // 8)
    tmp = Path(tempfile.mkdtemp())
    (tmp / "setelan_bench_portal.py").write_text(_SETTINGS)
    port = _port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="setelan_bench_portal",
               PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]), CACHE_URL=f"filecache://{tmp}/cache")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen([gunicorn, "edesa.wsgi", "-w", "2", "--threads", "8", "-b", f"127.0.0.1:{port}",
                             "--keep-alive", "30", "--log-level", "warning"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _tunggu(port, proc)
        for path in ("/portal/", "/portal/peta/"):
            ok, gagal, lama = asyncio.run(_beban_singkat(port, path))
            assert gagal == 0 and ok, (path, ok, gagal)
        sampel, catatan = [], []
        for _ in range(3):
            ok, gagal, lama = asyncio.run(_beban(port, "/portal/"))
            assert gagal == 0, f"{gagal} jawaban bukan 200"
            sampel.append(lama / ok)
            catatan.append(f"{ok / lama:.0f}")
        rps = sorted(float(c) for c in catatan)[1]
        report(f"portal: /portal/ di gunicorn -w 2 --threads 8, {KONEKSI} klien, {DETIK:.0f} s", sampel,
               target_s=1 / TARGET_RPS,
               note=f"{rps:.0f} req/s median (runs: {', '.join(catatan)} req/s); target >= {TARGET_RPS} req/s; "
                    f"{PENDUDUK} penduduk, SQLite, cache berkas")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


async def _beban_singkat(port: int, path: str) -> tuple[int, int, float]:
    hitung = [0, 0]
    mulai = time.perf_counter()
    await _klien(port, path, mulai + 0.5, hitung)
    return hitung[0], hitung[1], time.perf_counter() - mulai
