"""The main job in one process: the schedule (when this process leads) and the web UI.

``Coordinator`` holds the database's scheduler lease or waits for it as a
standby; the web server answers in both roles. ``run_service`` ties them to
SIGTERM/SIGINT: on a signal it lets the running job finish (up to
``SHUTDOWN_SECONDS``), starts no new one, releases the lease so a standby
can lead at once, stops the web server and returns.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType

import uvicorn
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from tbtalert.config import Settings
from tbtalert.errors import ConfigError, TbtAlertError
from tbtalert.jobs import scheduled_jobs
from tbtalert.lease import Lease, ensure_table, read_lease
from tbtalert.scheduler import (
    JobFunction,
    JobRunner,
    Scheduler,
    plan_jobs,
    start_scheduler,
    stop_scheduler,
    zone_of,
)
from tbtalert.subscribers import sync_subscribers
from tbtalert.web import create_app

log = logging.getLogger(__name__)

SHUTDOWN_SECONDS = 25.0
"""How long a shutdown waits for the running job (systemd's TimeoutStopSec is longer)."""


class Coordinator:
    """Leads the schedule of one database, or stands by until its leader falls silent."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        jobs: Mapping[str, JobFunction],
        *,
        lease: Lease | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.jobs = jobs
        self.lease = lease or Lease(engine, seconds=settings.lease_seconds)
        self.role = "starting"  # starting | leader | standby | stopped
        # Renew (or look) several times per lease, and at least every 5 s so a
        # released lease is taken over quickly.
        self._poll = max(0.5, min(5.0, self.lease.seconds / 5))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="tbtalert-lease", daemon=True)
        self._scheduler: Scheduler | None = None
        self._runner: JobRunner | None = None

    def start(self) -> None:
        """Take the lease or stand by, in a background thread."""
        ensure_table(self.engine)
        self._thread.start()

    def stop(self, timeout: float = SHUTDOWN_SECONDS) -> bool:
        """Stop leading or waiting; True when no job was left running."""
        self._stop.set()
        self._thread.join(timeout=timeout)
        clean = self._demote(timeout, reason="") if self._scheduler else True
        self.role = "stopped"
        return clean

    def run_now(self, job_id: str) -> bool:
        """Make a scheduled job due now, when this process leads and has it; True if so.

        The job runs in the schedule's one worker, after the job in progress:
        never at the same time as another job of this database.
        """
        scheduler = self._scheduler
        if scheduler is None or scheduler.get_job(job_id) is None:
            return False
        scheduler.modify_job(job_id, next_run_time=datetime.now(zone_of(self.settings)))
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._step()
            except (TbtAlertError, SQLAlchemyError) as err:
                text = (
                    err.one_line() if isinstance(err, TbtAlertError) else str(err).splitlines()[0]
                )
                log.error("scheduler: %s; retrying in %.0f s", text, self._poll)
                self._recover()
            except Exception:
                # This thread keeps the lease: it must outlive any surprise.
                log.exception("scheduler: unexpected error; retrying in %.0f s", self._poll)
                self._recover()
            self._stop.wait(self._poll)

    def _recover(self) -> None:
        if self._scheduler is not None:
            try:
                self._demote(0, reason="error")
            except Exception:
                log.exception("scheduler: could not stop the schedule cleanly")
                self._scheduler = self._runner = None

    def _step(self) -> None:
        leading = self.lease.poll()
        if leading and self._scheduler is None and not self._stop.is_set():
            self._promote()
        elif not leading and self._scheduler is not None:
            log.warning("scheduler: lost the lease; another tbtalert leads now, standing by")
            self._demote(0, reason="lost")
        elif not leading and self.role != "standby":
            self.role = "standby"
            holder = read_lease(self.engine)
            log.info(
                "scheduler: standby; %s leads this database, taking over if it is silent %.0f s",
                (holder.holder if holder else "") or "another process",
                self.lease.seconds,
            )

    def _promote(self) -> None:
        runner = JobRunner(
            self.engine, self.settings, self.jobs, may_run=lambda: self.lease.is_leader
        )
        self._scheduler = start_scheduler(self.engine, self.settings, runner)
        self._runner = runner
        self.role = "leader"
        jobs = ", ".join(job.name for job in self._scheduler.get_jobs())
        log.info("scheduler: leading this database as %s; jobs: %s", self.lease.holder, jobs)

    def _demote(self, timeout: float, *, reason: str) -> bool:
        scheduler, runner = self._scheduler, self._runner
        self._scheduler = self._runner = None
        clean = True
        if scheduler is not None and runner is not None:
            clean = stop_scheduler(scheduler, runner, timeout)
        if clean:
            self.lease.release()
        elif reason:
            log.warning("scheduler: the job in progress finishes; no new job starts here")
        else:
            log.warning(
                "scheduler: a job is still running after %.0f s; leaving it (the lease expires)",
                timeout,
            )
        self.role = "standby" if reason else "stopped"
        return clean


class WebServer:
    """The web UI served by uvicorn in a thread of this process."""

    def __init__(self, settings: Settings, engine: Engine, coordinator: Coordinator | None) -> None:
        self.address = f"http://{settings.web_host}:{settings.web_port}/"
        self.socket = _listen(settings.web_host, settings.web_port)
        app = create_app(settings, engine)
        app.state.coordinator = coordinator
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [self.socket]},
            name="tbtalert-web",
            daemon=True,
        )

    def start(self) -> None:
        self.thread.start()
        log.info("web: status page at %s", self.address)

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)
        self.socket.close()


def _listen(host: str, port: int) -> socket.socket:
    """Bind the web port now, so a port in use stops the start with a clear message."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        raise ConfigError(
            f"web_port: cannot listen on {host}:{port}: {err.strerror or err}",
            hint="another program uses it; set TBTALERT_WEB_PORT or web_port",
        ) from None
    sock.set_inheritable(True)
    return sock


def sync_subscribers_at_start(engine: Engine, settings: Settings) -> None:
    """Load ``settings.subscribers_dir`` if it exists; a bad file is one log line, not a stop."""
    folder = settings.subscribers_dir
    if folder is None or not Path(folder).exists():
        return
    try:
        summaries = sync_subscribers(engine, Path(folder))
    except TbtAlertError as err:
        log.error("subscribers: %s", err.one_line())
        return
    for summary in summaries:
        if summary.status == "ok":
            log.info(
                "subscribers: %s added=%d changed=%d removed=%d unchanged=%d conflicts=%d",
                summary.path,
                summary.added,
                summary.changed,
                summary.removed,
                summary.unchanged,
                len(summary.conflicts),
            )
        else:
            log.error(
                "subscribers: %s rejected, nothing imported: %s",
                summary.path,
                "; ".join(summary.errors),
            )


def run_service(
    engine: Engine, settings: Settings, jobs: Mapping[str, JobFunction] | None = None
) -> bool:
    """Run the main job until SIGTERM or SIGINT; True when it stopped with no job cut short."""
    plan_jobs(settings)  # a bad time, weekday or time zone stops the start here
    if jobs is None:
        jobs = scheduled_jobs()
    with stop_on_signals() as stop:
        coordinator = Coordinator(engine, settings, jobs)
        web = WebServer(settings, engine, coordinator)  # a port in use stops the start here
        sync_subscribers_at_start(engine, settings)
        web.start()
        coordinator.start()
        _wait(stop, web)
        clean = coordinator.stop(SHUTDOWN_SECONDS)
        web.stop()
    log.info(
        "stopped%s", "" if clean else " (a job was cut short; it runs again at the next start)"
    )
    return clean


@dataclass
class StopRequest:
    """Set by SIGTERM or SIGINT: the process should stop."""

    event: threading.Event = field(default_factory=threading.Event)
    signal_name: str = ""


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """A stop request set by SIGTERM or SIGINT inside the block (handlers restored after)."""
    stop = StopRequest()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.signal_name = signal.Signals(signum).name
        stop.event.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _wait(stop: StopRequest, web: WebServer) -> None:
    """Block until a signal asks to stop or the web server dies; log which."""
    while not stop.event.wait(1.0):
        if not web.thread.is_alive():
            log.error("web: the server stopped; stopping")
            return
    log.info("received %s; stopping", stop.signal_name)


def serve_web(engine: Engine, settings: Settings) -> None:
    """Serve only the web UI until SIGTERM or SIGINT."""
    with stop_on_signals() as stop:
        web = WebServer(settings, engine, None)
        web.start()
        _wait(stop, web)
        web.stop()
