"""Which process owns a piece of work, and whether that process still lives.

A source run records its owner as ``host:pid``. A run left ``running`` by
a process that was killed (``kill -9``, a power cut) would stay so forever;
:func:`owner_gone` tells when it can be marked failed:

- on this host, when no process has that pid, or the process that has it
  started after the run did (the pid was reused, e.g. pid 1 in a restarted
  container);
- on another host, or with no owner recorded, when the run has been
  running for more than ``STALE_AFTER`` (no fetch takes that long).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from tbtalert.models import utcnow

STALE_AFTER = timedelta(hours=6)
"""How long a run of an unknown or remote owner may run before it counts as interrupted."""

INTERRUPTED = "interrupted: the process running it stopped before the end"
"""The error of a run whose owner is gone."""

_CLOCK_SLACK = timedelta(seconds=2)


def this_process() -> str:
    """``host:pid`` of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _boot_time() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        return None
    return None


def process_started(pid: int) -> datetime | None:
    """When process ``pid`` started (Linux), or None when that cannot be known."""
    boot = _boot_time()
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rpartition(")")[2].split()
        ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
    except (OSError, ValueError, IndexError):
        return None
    if boot is None:
        return None
    seconds = boot + ticks / os.sysconf("SC_CLK_TCK")
    return datetime.fromtimestamp(seconds, utcnow().tzinfo)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner_gone(owner: str, started_at: datetime, now: datetime | None = None) -> bool:
    """Whether the process that began some work at ``started_at`` is certainly gone."""
    host, _, pid_text = owner.rpartition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        if not _pid_alive(pid):
            return True
        began = process_started(pid)
        return began is not None and began > started_at + _CLOCK_SLACK
    return (now or utcnow()) - started_at > STALE_AFTER
