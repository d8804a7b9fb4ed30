"""Running the real ``tbtalert`` command in a subprocess, with its peak memory and CPU time.

The child is reaped with ``os.wait4``, whose resource usage belongs to that
child alone: ``peak_mb`` is its own high-water mark and ``cpu_seconds`` the
processor time it used, which, unlike the wall clock, does not grow when
other programs share the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


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
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tbtalert", *args],
            cwd=cwd,
            env=env if env is not None else tbtalert_env(),
            stdout=out,
            stderr=err,
        )
        try:
            status, usage = _wait(proc, timeout)
        finally:
            if proc.returncode is None:
                proc.kill()
                os.wait4(proc.pid, 0)
        out.seek(0)
        err.seek(0)
        return CliResult(
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,  # kilobytes on Linux
            usage.ru_utime + usage.ru_stime,
        )


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, os.struct_rusage]:
    """Reap ``proc`` with its own resource usage; AssertionError when it runs too long."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, usage
        if time.monotonic() > deadline:
            raise AssertionError(f"tbtalert {' '.join(proc.args[3:])} ran past {timeout} s")  # type: ignore[index]
        time.sleep(0.02)
