"""A broken mail template from an official: one clear error, nothing sent, nothing lost.

Officials may keep their own copies of the mail templates in
``templates_dir``. A copy that does not parse, or that asks for something
an item does not have, must stop the send with the file and line named, send
nothing, and leave every queued item to go out exactly once when the
template is fixed. Both ways of rendering are covered: in the sending process
(a small run) and in the render process a large run forks (the command line,
run as a subprocess).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import T0
from support.sending import received_pairs, seed_immediate, sender_env
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.errors import MailError
from tbtalert.mail.dispatch import PARALLEL_FROM
from tbtalert.mail.runs import send
from tbtalert.models import Delivery
from tbtalert.paths import shipped_templates_dir
from tbtalert.templating import make_environment

NOW = T0 + timedelta(hours=2)
BROKEN = {
    # (file, how it is broken, what the error must say)
    "syntax": ("email/alert.html", "{% if %}\n", r"email/alert\.html line \d+"),
    "undefined": ("email/_item.txt", "{{ item.no_such_field.upper() }}\n", r"_item\.txt line \d+"),
    "type": ("email/_item.txt", "{{ item.title + 1 }}\n", r"_item\.txt line \d+"),
}


def broken_templates(folder: Path, which: str) -> Path:
    """A templates_dir holding one shipped template with a broken line added."""
    name, line, _ = BROKEN[which]
    source = (shipped_templates_dir() / name).read_text(encoding="utf-8")
    target = folder / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(line + source, encoding="utf-8")
    return folder / "templates"


def statuses(engine: Engine) -> Counter[str]:
    with Session(engine) as session:
        return Counter(d.status for d in session.exec(select(Delivery)))


@pytest.mark.parametrize("which", sorted(BROKEN))
def test_a_broken_template_stops_the_send_and_loses_nothing(
    engine: Engine,
    smtp_settings: Settings,
    smtp_server: LocalSMTPServer,
    tmp_path: Path,
    which: str,
) -> None:
    expected = seed_immediate(engine, subscribers=3, items=4, first=5000)
    mail = smtp_settings
    broken = mail.model_copy(update={"templates_dir": broken_templates(tmp_path, which)})

    with pytest.raises(MailError) as caught:
        send(engine, broken, "immediate", now=NOW)

    assert re.search(BROKEN[which][2], str(caught.value)), str(caught.value)
    assert "templates_dir" in caught.value.hint
    assert smtp_server.handler.received == []
    assert sum(statuses(engine).values()) == len(expected)  # none dropped
    assert set(statuses(engine)) <= {"queued", "sending"}  # none sent or given up

    report = send(engine, mail, "immediate", now=NOW)  # the official fixed the template

    assert report.messages == len(expected)
    assert received_pairs(smtp_server) == Counter(dict.fromkeys(expected, 1))
    assert statuses(engine) == Counter({"sent": len(expected)})


def cli_send(database_url: str, port: int, cwd: Path, templates: Path | None) -> tuple[int, str]:
    extra = {"templates_dir": str(templates)} if templates is not None else {}
    done = subprocess.run(
        [sys.executable, "-m", "tbtalert", "send", "--frequency", "immediate"],
        cwd=cwd,
        env=sender_env(database_url, port, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


def test_a_broken_template_in_the_render_process_is_one_line_and_loses_nothing(
    engine: Engine, database_url: str, smtp_server: LocalSMTPServer, tmp_path: Path
) -> None:
    # One message per item: enough messages that the command renders in a second process.
    expected = seed_immediate(engine, subscribers=1, items=PARALLEL_FROM + 20, first=5000)

    code, out = cli_send(
        database_url, smtp_server.port, tmp_path, broken_templates(tmp_path, "undefined")
    )

    assert code != 0
    errors = [line for line in out.splitlines() if line.startswith("tbtalert: error:")]
    assert len(errors) == 1 and re.search(BROKEN["undefined"][2], errors[0]), out
    assert "Traceback" not in out
    assert smtp_server.handler.received == []
    assert sum(statuses(engine).values()) == len(expected)
    assert set(statuses(engine)) <= {"queued", "sending"}

    code, out = cli_send(database_url, smtp_server.port, tmp_path, None)

    assert code == 0, out
    assert received_pairs(smtp_server) == Counter(dict.fromkeys(expected, 1))
    assert statuses(engine) == Counter({"sent": len(expected)})


def test_copies_may_use_jinja_filters_with_all_their_arguments(settings: Settings) -> None:
    env = make_environment(settings)
    template = env.from_string("{{ s | wordwrap(6, false) }}|{{ s | wordwrap(width=6) }}")
    assert template.render(s="abcdefgh ij") == "abcdefgh\nij|abcdef\ngh ij"
