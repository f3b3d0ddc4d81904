"""Sources read and summarised on a Dask cluster: a real LocalCluster (no mock) gives the
same JSON, byte for byte, as local processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.core.cluster import scheduler_address
from briefgen.errors import BriefgenError
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions
from tests.conftest import DATA, write

pytestmark = pytest.mark.slow


def _workspace(root: Path) -> Path:
    (root / "corpus").mkdir(parents=True)
    for source in (DATA / "harbour").iterdir():
        shutil.copy(source, root / "corpus" / source.name)
    write(
        root / "briefs" / "talks.yaml",
        "title: The Selvar talks\ncorpus: ../corpus\naudiences: {analyst: {}, policymaker: {}}\n",
    )
    return root


def test_a_local_cluster_builds_the_same_json_as_local_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = _workspace(tmp_path / "desk")
    local = BuildOptions(root=root, out=tmp_path / "local", formats=("json",))
    build([], local)

    class Done(distributed.diagnostics.plugin.SchedulerPlugin):  # type: ignore[misc]
        """Counts the sources the cluster's workers read."""

        def __init__(self) -> None:
            self.reads = 0

        def transition(
            self, key: object, start: str, finish: str, *args: object, **kw: object
        ) -> None:
            if finish == "memory" and str(key).startswith("_run_batch"):
                self.reads += 1

    done = Done()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        cluster.scheduler.add_plugin(done)
        address = cluster.scheduler_address  # tcp://127.0.0.1:PORT
        remote = BuildOptions(
            root=root,
            out=tmp_path / "cluster",
            formats=("json",),
            executor="dask://" + address.removeprefix("tcp://"),
        )
        build([], remote)
    # Every source was read on the cluster's workers (in batches), into the build's cache.
    assert done.reads >= 1
    assert len(list((tmp_path / "cluster" / ".cache" / "summaries").glob("*.json"))) == 4
    for audience in ("analyst", "policymaker"):
        name = f"talks/{audience}.json"
        assert (tmp_path / "cluster" / name).read_bytes() == (
            tmp_path / "local" / name
        ).read_bytes()


def test_a_cluster_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    root = _workspace(tmp_path / "desk")
    options = BuildOptions(
        root=root, out=tmp_path / "out", formats=("json",), executor="dask://127.0.0.1:9"
    )
    with pytest.raises(BriefgenError, match=r"no Dask scheduler at tcp://127\.0\.0\.1:9"):
        build([], options)


def test_scheduler_addresses() -> None:
    assert scheduler_address("dask://host:8786") == "tcp://host:8786"
    assert scheduler_address("dask://tls://host:8786") == "tls://host:8786"
