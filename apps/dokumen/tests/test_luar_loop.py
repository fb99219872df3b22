"""Signing and validation work even where an event loop is already running in the thread
(an ASGI worker; a test process after Playwright's sync API): pyhanko's asyncio.run() would
refuse there."""
import asyncio

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

    assert asyncio.run(di_dalam_loop()) == 1
