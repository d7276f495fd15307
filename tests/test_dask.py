"""--executor dask: files fan out to a Dask cluster (two worker processes) and the findings,
corpus pass included, are those of a local run; json-lines output streams."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintnews import runner
from lintnews.config import Overrides, SettingsResolver

distributed = pytest.importorskip("distributed")

from test_parallel import findings, make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[str]:
    return make_corpus(tmp_path_factory.mktemp("dask"), n=10, seed=3)


def _resolver() -> SettingsResolver:
    return SettingsResolver(Overrides(no_cache=True, extend_select=("CN",)))


def test_dask_matches_local_run(cluster, files) -> None:
    local = runner.check_files(files, _resolver(), jobs=1)
    remote = runner.check_files(
        files, _resolver(), executor="dask", scheduler=cluster.scheduler_address
    )
    assert runner.last_stats.executor == "dask"
    assert [r.path for r in remote] == files
    assert findings(remote) == findings(local)
    assert any(d.code.startswith("CN") for r in remote for d in r.diagnostics)


def test_dask_json_lines_stream(cluster, files, cli) -> None:
    from lintnews.formatters import fmt_json_lines

    local = runner.check_files(files, _resolver(), jobs=1)
    remote = cli(
        "check",
        "--no-cache",
        "--extend-select",
        "CN",
        "--output-format",
        "json-lines",
        "--executor",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        *files,
    )
    assert remote.returncode == 1, remote.stderr

    def key(line: str) -> str:
        return json.dumps(json.loads(line), sort_keys=True)

    a = sorted(key(x) for x in fmt_json_lines(local, None).splitlines())
    b = sorted(key(x) for x in remote.stdout.decode().splitlines())
    assert a == b and a


def test_missing_path_on_dask_is_reported(cluster, tmp_path: Path) -> None:
    res = runner.check_files(
        [str(tmp_path / "nope.txt")],
        _resolver(),
        executor="dask",
        scheduler=cluster.scheduler_address,
    )
    assert res[0].error
