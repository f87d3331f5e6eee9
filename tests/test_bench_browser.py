"""The browser benchmarks' own logic, without a browser: their seed data is a backup the app
accepts, their arguments parse, and the Lighthouse report is read and judged as documented."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from bench import board, lighthouse
from bench.seeded_ui import backup

from jobtracker.portability.schemas import Backup


def test_the_seed_backup_is_one_the_app_restores_with_history() -> None:
    restored = Backup.model_validate(backup(50, seed=1, now=datetime.now(UTC)))

    assert len(restored.applications) == 50
    assert len({application.company for application in restored.applications}) == 50
    for application in restored.applications:
        assert application.stage_events, "every application has a stage history"
        assert application.stage_events[-1].to_stage == application.stage
        moments = [event.at for event in application.stage_events]
        assert moments == sorted(moments)


@pytest.mark.parametrize("module", [lighthouse, board])
def test_unknown_arguments_are_refused_before_anything_starts(module: Any) -> None:
    with pytest.raises(SystemExit) as refused:
        module.main(["--runs", "0"])
    assert refused.value.code == 2


def test_lighthouse_refuses_an_unknown_page_or_preset() -> None:
    with pytest.raises(SystemExit):
        lighthouse.main(["--pages", "settings"])
    with pytest.raises(SystemExit):
        lighthouse.main(["--presets", "tablet"])


def _report(performance: float, *, failing: str | None = None) -> dict[str, Any]:
    audits: dict[str, Any] = {
        audit: {"numericValue": 1234.4, "score": 1, "scoreDisplayMode": "numeric"}
        for audit in lighthouse.METRICS.values()
    }
    audits["color-contrast"] = {
        "score": 0 if failing else 1,
        "scoreDisplayMode": "binary",
        "displayValue": failing,
    }
    categories = {
        "performance": {"score": performance, "auditRefs": [{"id": "total-blocking-time"}]},
        "accessibility": {"score": 0.9 if failing else 1, "auditRefs": [{"id": "color-contrast"}]},
        "best-practices": {"score": 1, "auditRefs": []},
    }
    return {
        "audits": audits,
        "categories": categories,
        "environment": {"benchmarkIndex": 1500},
        "finalDisplayedUrl": "http://127.0.0.1/",
    }


def test_a_report_gives_scores_metrics_and_what_cost_points() -> None:
    summary = lighthouse.summary(_report(0.874, failing="2 elements"))

    assert summary["scores"] == {"performance": 87, "accessibility": 90, "best-practices": 100}
    assert summary["metrics"]["tbt_ms"] == 1234
    assert summary["failing_audits"] == {"accessibility": ["color-contrast (2 elements)"]}


def test_the_median_run_is_reported_and_judged_against_every_target() -> None:
    runs = [lighthouse.summary(_report(score)) for score in (0.95, 0.80, 0.91)]
    chosen = lighthouse.median_run(runs)
    assert chosen["scores"]["performance"] == 91

    held = lighthouse.targets_held({"board": {"mobile": chosen}}, ["mobile"])
    assert held == {"board mobile": True}
    failed = lighthouse.summary(_report(0.99, failing="1 element"))
    assert lighthouse.targets_held({"board": {"mobile": failed}}, ["mobile"]) == {
        "board mobile": False
    }


def test_a_run_lighthouse_could_not_finish_is_recorded_as_its_error() -> None:
    summary = lighthouse.summary({"runtimeError": {"code": "NO_NAVSTART"}})

    assert summary == {"error": "NO_NAVSTART"}
    assert lighthouse.targets_held({"board": {"mobile": summary}}, ["mobile"]) == {
        "board mobile": False
    }
