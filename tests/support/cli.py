"""Running the real ``tbtalert`` command in a subprocess, with its peak memory and CPU time.

A child forked from the test process starts with the test process's memory
high-water mark (Linux copies it at ``fork``), so a small launcher process
forks the command instead and reports, from ``os.wait4``, what the command
alone used: ``peak_mb``, its high-water mark, and ``cpu_seconds``, the
processor time it used, which, unlike the wall clock, does not grow when
other programs share the machine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = """
import json, os, sys
report, args = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "tbtalert", *args])
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
with open(report, "w") as fh:
    json.dump({"code": code, "maxrss_kb": usage.ru_maxrss,
               "cpu": usage.ru_utime + usage.ru_stime}, fh)
sys.exit(code if code >= 0 else 128 - code)
"""


@dataclass
class CliResult:
    """How one command ended."""

    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    cpu_seconds: float

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def tbtalert_env(**settings: str) -> dict[str, str]:
    """The environment for a child: this one without TBTALERT_*, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TBTALERT_")}
    env.update({f"TBTALERT_{k.upper()}": v for k, v in settings.items()})
    return env


def run_tbtalert(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> CliResult:
    """Run ``python -m tbtalert ARGS``; kill it (and fail) when it outlives ``timeout`` s."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(report), *args],
                cwd=cwd,
                env=env if env is not None else tbtalert_env(),
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,  # the command and its launcher, killed together
            )
            _wait(proc, timeout, args)
        usage = json.loads(report.read_text())
        return CliResult(
            usage["code"],
            out.read_bytes().decode("utf-8", "replace"),
            err.read_bytes().decode("utf-8", "replace"),
            usage["maxrss_kb"] / 1024,  # kilobytes on Linux
            usage["cpu"],
        )


def _wait(proc: subprocess.Popen[bytes], timeout: float, args: tuple[str, ...]) -> None:
    """Wait for ``proc``; kill its whole group and fail when it runs past ``timeout``."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise AssertionError(f"tbtalert {' '.join(args)} ran past {timeout} s")
        time.sleep(0.02)
