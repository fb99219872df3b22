"""`make bench`: run every bench/bench_*.py in its own process on a fresh database, print a
table of medians and write bench/results/latest.json.

A bench module defines `run(report)`; it sets up its data and calls
`report(name, samples_in_seconds, target_s=None, note="")` for each measurement.
Machines here are noisy: we report medians of repeated runs and compare within one run.
Usage: python bench/run.py [substring-of-module-name]
       BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/run.py
       (PostgreSQL: a fresh database per module is created on that server and dropped after).
"""
from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _child(module_path: str, out_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edesa.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    spec = importlib.util.spec_from_file_location("bench_module", module_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = []

    def report(name, samples, target_s=None, note=""):
        samples = list(samples)
        rows.append({
            "name": name, "median_s": statistics.median(samples), "min_s": min(samples), "max_s": max(samples),
            "runs": len(samples), "target_s": target_s, "note": note,
            "ok": None if target_s is None else statistics.median(samples) <= target_s,
        })
        ok = "" if target_s is None else ("  OK" if rows[-1]["ok"] else "  MELEBIHI TARGET")
        print(f"  {name}: median {rows[-1]['median_s'] * 1000:.1f} ms ({len(samples)}x){ok}", flush=True)

    mod.run(report)
    Path(out_path).write_text(json.dumps(rows))


def _admin_conn(url: str):
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True), parts


def _fresh_pg(url: str, name: str) -> str:
    """A new, empty PostgreSQL database for one bench module, on the server of `url`."""
    from urllib.parse import urlunsplit

    conn, parts = _admin_conn(url)
    db = f"edesa_bench_{name}".lower()
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return urlunsplit(parts._replace(path=f"/{db}"))


def _drop_pg(url: str) -> None:
    conn, parts = _admin_conn(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "--child":
        _child(argv[2], argv[3])
        return 0
    pattern = argv[1] if len(argv) > 1 else ""
    modules = sorted(p for p in (ROOT / "bench").glob("bench_*.py") if pattern in p.name)
    all_rows, failed = [], False
    for path in modules:
        print(f"== {path.name}", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, EDESA_ALLOW_DEV_KEY="1", DJANGO_DEBUG="0")
            pg_url = os.environ.get("BENCH_DATABASE_URL")
            env["DATABASE_URL"] = _fresh_pg(pg_url, path.stem) if pg_url else f"sqlite:///{tmp}/bench.sqlite3"
            env["MEDIA_ROOT"] = f"{tmp}/media"
            out = f"{tmp}/out.json"
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, __file__, "--child", str(path), out], env=env, cwd=ROOT)
            if proc.returncode != 0 or not Path(out).exists():
                print(f"  GAGAL (kode {proc.returncode})")
                failed = True
                continue
            if pg_url:
                _drop_pg(env["DATABASE_URL"])
            rows = json.loads(Path(out).read_text())
            for r in rows:
                r["module"] = path.stem
            all_rows.extend(rows)
            print(f"  ({time.perf_counter() - started:.1f} s termasuk persiapan data)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
            "machine": platform.machine(), "cpus": os.cpu_count(),
            "database": "postgresql" if os.environ.get("BENCH_DATABASE_URL") else "sqlite"}
    (RESULTS / "latest.json").write_text(json.dumps({"meta": meta, "results": all_rows}, indent=2))
    print(f"\nHasil: {RESULTS / 'latest.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
