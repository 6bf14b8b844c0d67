"""Nothing phones home: ONNX Runtime's telemetry is off in every process the app starts."""

from __future__ import annotations

import os
import subprocess
import sys


def test_importing_the_app_turns_onnxruntime_telemetry_off() -> None:
    import familyrecord  # noqa: F401

    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"


def test_a_fresh_process_gets_it_before_any_engine_loads() -> None:
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    out = subprocess.run(
        [sys.executable, "-c", "import familyrecord.cli, os; print(os.environ.get('ORT_DISABLE_TELEMETRY'))"],
        env=env, capture_output=True, text=True, check=True, cwd=os.getcwd())
    assert out.stdout.strip() == "1"
