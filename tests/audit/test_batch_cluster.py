"""A batch audit on a Dask cluster (issue 14 §4): two local worker processes, started as a
province would start them on other machines, give exactly the local batch's results, in file
order, with the work spread over both workers; an unreadable file, a missing scheduler and a
worker of another jixiao version are each said in Chinese. Local processes stay the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao import api
from jixiao.findings import InputError

distributed = pytest.importorskip("distributed", reason="Dask distributed 未安装：pip install 'jixiao[cluster]'")

SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("province")
    for number, path in enumerate(api.example_paths()):
        unit = root / f"单位{number % 3}"
        unit.mkdir(exist_ok=True)
        (unit / path.name).write_bytes(path.read_bytes())
    (root / "单位0" / "自评材料.txt").write_bytes(SEED.read_bytes())
    (root / "单位1" / "损坏.xlsx").write_bytes(b"\x00\x01not a workbook\xff" * 64)
    return root


@pytest.fixture(scope="module")
def cluster():
    # Worker processes, not threads: on other machines they would be other interpreters too.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local


def _as_compared(batch):
    return ([(f.source, f.report is not None) for f in batch.files],
            [f.as_dict() for f in batch.findings], [d.as_dict() for d in batch.documents], batch.exit_code)


def test_the_cluster_gives_the_local_batch_exactly_and_uses_both_workers(folder, cluster):
    local = api.audit_batch([folder], jobs=1)
    seen: list[int] = []
    with distributed.Client(cluster.scheduler_address) as observer:
        with distributed.get_task_stream(observer) as stream:
            spread = api.audit_batch([folder], cluster=cluster.scheduler_address,
                                     progress=lambda done, total, name: seen.append(done))
        workers = {task["worker"] for task in stream.data if str(task.get("key", "")).find("jixiao-audit") >= 0}
    assert _as_compared(spread) == _as_compared(local)
    assert len(spread.files) == len(api.example_paths()) + 2
    unreadable = [f for f in spread.files if f.report is None]
    assert [(Path(f.source).name, f.unreadable[0].code) for f in unreadable] == [("损坏.xlsx", "file-malformed")]
    assert seen == list(range(1, len(spread.files) + 1))
    assert len(workers) == 2, workers


def test_a_scheduler_that_does_not_answer_is_said_in_chinese(folder):
    with pytest.raises(InputError) as refused:
        api.audit_batch([folder], cluster="tcp://127.0.0.1:9")
    finding = refused.value.findings[0]
    assert finding.code == "cluster-unavailable"
    assert finding.message.startswith("无法连接分布式审核集群“tcp://127.0.0.1:9”")


def test_a_worker_of_another_version_is_refused_before_any_work(folder, cluster, monkeypatch):
    import jixiao

    monkeypatch.setattr(jixiao, "__version__", "0.0.0-本机")
    with pytest.raises(InputError) as refused:
        api.audit_batch([folder], cluster=cluster.scheduler_address)
    assert "集群工作进程的 jixiao 版本与本机（0.0.0-本机）不同" in refused.value.findings[0].message


def test_the_command_line_audits_on_the_cluster_as_it_does_locally(folder, cluster, capsys):
    from jixiao.cli import main

    local_code = main(["audit", str(folder), "--jobs", "1", "--format", "json"])
    local = capsys.readouterr().out
    spread_code = main(["audit", str(folder), "--cluster", cluster.scheduler_address, "--format", "json"])
    assert (spread_code, capsys.readouterr().out) == (local_code, local)
