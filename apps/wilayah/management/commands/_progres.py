"""A one-line progress bar for the wilayah commands (overwritten in place on a terminal)."""
from __future__ import annotations

import time


class ProgressBar:
    LEBAR = 30

    def __init__(self, stdout, enabled: bool = True):
        self.stdout = stdout
        self.enabled = enabled
        self.tty = hasattr(stdout, "isatty") and stdout.isatty()
        self.last_line = 0.0
        self.last_stage = ""

    def __call__(self, done: int, total: int, stage: str) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        finished = done >= total
        # Without a terminal (logs, CI) print a line per stage and at most one per 2 seconds.
        if not self.tty and not finished and stage == self.last_stage and now - self.last_line < 2:
            return
        self.last_line, self.last_stage = now, stage
        pct = min(100, done * 100 // total)
        filled = self.LEBAR * pct // 100
        line = f"{stage:<10} [{'#' * filled}{'.' * (self.LEBAR - filled)}] {pct:3d}% ({done}/{total})"
        if self.tty:
            self.stdout.write("\r" + line, ending="\n" if finished and stage == "menulis" else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)
