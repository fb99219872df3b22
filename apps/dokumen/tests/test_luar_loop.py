"""Signing and validation work even where an event loop is already running in the thread
(an ASGI worker; a test process after Playwright's sync API): pyhanko's asyncio.run() would
refuse there."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from apps.dokumen.luar_loop import jalankan


def _dengan_asyncio_run():
    async def satu():
        return 1

    return asyncio.run(satu())


def test_runs_in_place_without_a_loop():
    assert jalankan(_dengan_asyncio_run) == 1


def test_runs_beside_a_running_loop():
    async def di_dalam_loop():
        return jalankan(_dengan_asyncio_run)

    # A thread of its own, so the test does not depend on whether this one already runs a loop.
    with ThreadPoolExecutor(max_workers=1) as ex:
        assert ex.submit(asyncio.run, di_dalam_loop()).result() == 1
