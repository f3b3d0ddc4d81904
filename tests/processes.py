"""Reading a running process's output line by line, for tests that act on what it says."""

from __future__ import annotations

import threading
from typing import IO


class LineReader:
    """Collects a stream's lines in a background thread; tests wait for a line to appear."""

    def __init__(self, stream: IO[str] | None) -> None:
        assert stream is not None
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def count(self, text: str) -> int:
        """How many lines so far contain `text`."""
        with self._changed:
            return self._count(text)

    def wait_for(self, text: str, *, timeout: float, times: int = 1) -> bool:
        """Whether `text` appears in at least `times` lines within `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count(text) >= times, timeout)

    def _count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def text(self) -> str:
        with self._changed:
            return "\n".join(self.lines)
