"""Work sent to a Dask distributed cluster, for a corpus that outgrows one machine.

`--executor dask://HOST:PORT` sends each source to the cluster's workers as one task;
they read and write the same content-addressed caches as local workers, so the paths of
the corpus and of the output folder must be the same on every worker (a shared file
system). The default stays local processes (core/parallel.py). Dask is an optional
dependency: `pip install -e ".[cluster]"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from briefgen.errors import BriefgenError

Item = TypeVar("Item")
Result = TypeVar("Result")

SCHEME = "dask://"
_BATCHES_PER_THREAD = 4  # enough to even out slow sources, few enough to save round trips


def is_cluster(executor: str | None) -> bool:
    """True for an executor that names a Dask scheduler."""
    return executor is not None and executor.startswith(SCHEME)


def scheduler_address(executor: str) -> str:
    """ "dask://host:8786" -> "tcp://host:8786" (a full "tcp://" or "inproc://" address
    after the scheme is kept as it is)."""
    rest = executor[len(SCHEME) :]
    return rest if "://" in rest else f"tcp://{rest}"


@contextmanager
def cluster_map(
    function: Callable[[Item], Result], items: Sequence[Item], executor: str
) -> Iterator[Iterator[Result]]:
    """`function` over `items` on the cluster, results in the order they finish."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise BriefgenError(
            f"--executor {executor}: Dask is not installed; pip install -e '.[cluster]'"
        ) from exc
    if not items:
        yield iter(())
        return
    address = scheduler_address(executor)
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise BriefgenError(
            f"--executor {executor}: no Dask scheduler at {address}: {exc}"
        ) from exc
    try:
        # Sources go in batches, a few per worker thread: a task per source pays the
        # scheduler's round trip 1,460 times for a year of news.
        threads = max(sum(client.nthreads().values()), 1)
        size = max(1, -(-len(items) // (threads * _BATCHES_PER_THREAD)))
        batches = [list(items[i : i + size]) for i in range(0, len(items), size)]
        futures = client.map(_run_batch, [(function, batch) for batch in batches], pure=False)

        def results() -> Iterator[Any]:
            for future in as_completed(futures):
                yield from future.result()

        yield results()
    finally:
        client.close()


def _run_batch(work: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    """One task's share of the items, run on a worker."""
    function, batch = work
    return [function(item) for item in batch]
