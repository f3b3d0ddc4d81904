"""Messages that libraries log (pandoc through pypandoc, WeasyPrint), collected so they
reach briefgen's own log once per output, naming what they concern, instead of being
printed on every fit attempt or dropped."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def captured(logger_name: str) -> Iterator[list[str]]:
    """The warnings and errors a library logs inside the block, each once, in order."""
    logger = logging.getLogger(logger_name)
    collector = _Collector()
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
