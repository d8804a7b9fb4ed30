"""Starting ``tbtalert run``: embedded defaults work offline; an unusable start says why in one line."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from support.mainjob import MainJob, clean_env, wait_until
from support.smtpserver import free_port

CHECKOUT = Path(__file__).resolve().parent.parent


def run_once(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args, "run"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=clean_env(**env),
    )


def test_run_on_embedded_defaults_mails_the_samples_and_reports_the_offline_source(
    tmp_path: Path,
) -> None:
    # A fresh clone: the shipped subscribers/ folder, no configuration, no database.
    shutil.copytree(CHECKOUT / "subscribers", tmp_path / "subscribers")
    job = MainJob(tmp_path, "defaults", free_port())
    try:
        job.wait_log("job=fetch source=samples status=ok")
        outbox = tmp_path / "outbox"
        wait_until(lambda: list(outbox.glob("*.eml")), what="mail in ./outbox/")
        job.wait_log("job=fetch source=eping-daily status=failed")
        assert job.role() == "leader"
        assert job.stop(signal.SIGTERM) == 0
    finally:
        job.close()
    log = job.log()
    assert "Traceback" not in log
    (daily_line,) = [line for line in log.splitlines() if "job=fetch source=eping-daily" in line]
    assert "eping.wto.org/NotificationExcelFiles/Notification_EN.xlsx" in daily_line  # which URL
    assert (tmp_path / "tbtalert.db").exists()
    mails = [
        message_from_bytes(p.read_bytes(), policy=policy.default) for p in outbox.glob("*.eml")
    ]
    assert all("SAMPLE" in m.get_body(preferencelist=("plain",)).get_content() for m in mails)  # type: ignore[union-attr]
    recipients = {m["To"].addresses[0].addr_spec for m in mails}
    assert recipients and all(
        r.endswith(("example.com", "example.org", "example.net")) for r in recipients
    )


@pytest.mark.parametrize(
    ("toml", "env", "expected"),
    [
        ('daily_time = "7h"\n', {}, "daily_time: '7h' is not a time of day"),
        ("web_port = 80\nnonsense = 1\n", {}, "nonsense: unknown setting"),
        (
            "",
            {"TBTALERT_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
            "cannot open database",
        ),
        (
            '[[sources]]\nname = "x"\nkind = "eping"\nurl = "http://127.0.0.1:9/"\noptions = { page_size = 0 }\n',
            {},
            "page_size",
        ),
    ],
    ids=["bad-time", "unknown-setting", "database-down", "bad-source-option"],
)
def test_an_unusable_start_exits_1_with_one_line(
    tmp_path: Path, toml: str, env: dict[str, str], expected: str
) -> None:
    config = tmp_path / "tbtalert.toml"
    config.write_text(f'subscribers_dir = "{tmp_path / "none"}"\n' + toml, encoding="utf-8")
    done = run_once(tmp_path, "--config", str(config), TBTALERT_WEB_PORT=str(free_port()), **env)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("tbtalert: error: ") and expected in line


def test_a_web_port_in_use_exits_1_naming_it(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        config = tmp_path / "tbtalert.toml"
        config.write_text(
            f'subscribers_dir = "{tmp_path / "none"}"\nsources = []\n', encoding="utf-8"
        )
        done = run_once(tmp_path, "--config", str(config), TBTALERT_WEB_PORT=str(port))
    assert done.returncode == 1
    assert f"web_port: cannot listen on 127.0.0.1:{port}" in done.stderr.strip().splitlines()[-1]
    assert "Traceback" not in done.stderr


def test_a_bad_subscriber_file_is_one_line_and_the_job_goes_on(tmp_path: Path) -> None:
    subscribers = tmp_path / "subscribers"
    subscribers.mkdir()
    (subscribers / "bad.yaml").write_text(
        "subscribers:\n  - email: not-an-address\n    sectors: [coffee]\n", encoding="utf-8"
    )
    config = tmp_path / "tbtalert.toml"
    config.write_text(f'subscribers_dir = "{subscribers}"\nsources = []\n', encoding="utf-8")
    job = MainJob(tmp_path, "badsubs", free_port(), config)
    try:
        job.wait_role("leader")
        assert job.stop(signal.SIGTERM) == 0
    finally:
        job.close()
    (line,) = [line for line in job.log().splitlines() if "bad.yaml" in line]
    assert "rejected, nothing imported" in line and "not-an-address" in line


def test_serve_is_the_web_ui_alone_and_stops_cleanly(tmp_path: Path) -> None:
    config = tmp_path / "tbtalert.toml"
    config.write_text(f'subscribers_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    job = MainJob(tmp_path, "serve", free_port(), config, command="serve")
    try:
        job.wait_role("off")
        health = job.health()
        assert health is not None and health["scheduler"]["leader_alive"] is False
        assert job.stop(signal.SIGTERM) == 0
    finally:
        job.close()
    assert "job=" not in job.log()  # nothing fetched or sent
