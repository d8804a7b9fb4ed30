"""Resident memory of the running benchmark process, read from /proc."""

from __future__ import annotations

from pathlib import Path


def rss_mb(field: str = "VmRSS") -> float:
    """Current (VmRSS) or peak (VmHWM) resident memory of this process, in MB.

    VmHWM rather than ru_maxrss: Linux carries ru_maxrss over from the parent
    across fork and exec, so a child would report the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0
