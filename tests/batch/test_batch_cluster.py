"""The same run on a Dask cluster (two worker processes) gives the same tables as a local run."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import run as batch
from tests.batch.archive import make_archive, snapshot

distributed = pytest.importorskip("distributed")


def test_cluster_run_equals_local_run(tmp_path: Path) -> None:
    make_archive(tmp_path / "in", 6)
    batch.run([tmp_path / "in"], tmp_path / "local", workers=2)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        summary = batch.run([tmp_path / "in"], tmp_path / "dask", scheduler=cluster.scheduler_address, part_size=2)
        assert summary.documents["ok"] + summary.documents["partial"] == 6
        again = batch.run([tmp_path / "in"], tmp_path / "dask", scheduler=cluster.scheduler_address)
        assert again.documents["skipped"] == 6
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    assert len(list((tmp_path / "dask" / "documents").glob("*.parquet"))) == 3
