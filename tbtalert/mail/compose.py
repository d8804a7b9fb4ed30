"""Composing: what a message says, loaded, worded and rendered for its reader.

:class:`MailData` loads everything a batch of jobs needs in a few queries;
:class:`Composer` turns one job into its subject and message bytes, in the
subscriber's language: views (:mod:`tbtalert.mail.views`) grouped for
reading, a subject line that says what is inside, both parts rendered
through the one Jinja2 environment (autoescaped ``email/<kind>.html``, plain
``email/<kind>.txt``) with css-inline, and written by
:func:`tbtalert.mail.mime.build_message`.

A mail kind is its two templates and its subject: ``subject_<kind>`` in
``templates/email/strings.yaml`` for a fixed subject, or a branch of
:func:`subject_line` for one built from the items.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import css_inline
import jinja2
import markupsafe
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.errors import MailError
from tbtalert.mail.mime import Rendered, build_message, clean_line, mail_domain, new_message_id
from tbtalert.mail.queue import Job
from tbtalert.mail.views import ItemView, SectorGroup, SectorReason, group_items, make_item
from tbtalert.models import Notification, Sector, Subscriber, SubscriberSector, Tag
from tbtalert.templating import describe_template_error, make_environment, template_strings
from tbtalert.tokens import calendar_link, link

T = TypeVar("T")
ITEM_CACHE = 20_000  # item views a composer keeps for reuse
_ITEM_PLACEHOLDER = re.compile(r"<!--tbt-item-(\d+)-->")


def strings(env: jinja2.Environment, language: str) -> dict[str, str]:
    """The words of the mail in ``language``, from ``templates/email/strings.yaml``."""
    return template_strings(env, "email/strings.yaml", language)


def _names_list(names: list[str], limit: int = 3) -> str:
    unique = list(dict.fromkeys(n for n in names if n))
    shown = ", ".join(unique[:limit])
    return shown + (f" +{len(unique) - limit}" if len(unique) > limit else "")


def subject_line(
    t: dict[str, str], kind: str, items: list[ItemView], groups: list[SectorGroup]
) -> str:
    """A subject that says what is inside, e.g. '[TBT] 3 thông báo mới: Cà phê — EU, Hoa Kỳ'."""
    areas = "/".join(sorted({i.area for i in items if i.area in ("TBT", "SPS")})) or "TBT"
    sectors = _names_list([g.name for g in groups])
    members = _names_list([i.member_display for i in items])
    updates = sum(1 for i in items if i.is_update)
    fresh = len(items) - updates
    if kind == "reminder":
        days = min(i.days_left or 0 for i in items)
        text = t["subject_reminder"].format(days=days, n=len(items), sectors=sectors)
    elif kind != "alert":
        text = t[f"subject_{kind}"]  # heartbeat, confirm: a fixed subject
    else:
        parts = []
        if fresh:
            parts.append(t["subject_new"].format(n=fresh))
        if updates:
            parts.append(t["subject_updates"].format(n=updates))
        text = f"{', '.join(parts)}: {sectors} — {members}"
        if len(items) == 1:
            text += f": {clean_line(items[0].title, 80)}"
    return clean_line(f"[{areas}] {text}", 200)


class Renderer:
    """Renders messages through the shared Jinja2 environment, inlining CSS once per message."""

    def __init__(self, settings: Settings, env: jinja2.Environment) -> None:
        self.settings = settings
        self.env = env
        self.zone = ZoneInfo(settings.timezone)
        self.inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
        # A view reads the same in every message of a run that shows it: its
        # ``_item.html``/``.txt`` fragments are rendered once (see render_item).
        self.items: dict[tuple[str, str, int], tuple[ItemView, str]] = {}
        self.templates: dict[str, jinja2.Template] = {}
        self.words: dict[str, dict[str, str]] = {}

    def strings(self, language: str) -> dict[str, str]:
        """The words of ``language``, read once per run."""
        found = self.words.get(language)
        if found is None:
            found = self.words[language] = strings(self.env, language)
        return found

    def template(self, name: str) -> jinja2.Template:
        """A template, looked up once per run (the environment re-checks files on every lookup)."""
        found = self.templates.get(name)
        if found is None:
            found = self.templates[name] = self.env.get_template(name)
        return found

    def render_item(self, item: ItemView, fmt: str, language: str) -> str:
        """``email/_item.<fmt>`` for this view, rendered once per run and reused.

        Keyed by the view object itself (held here, so its id stays its own):
        every reader who shares a view (see :meth:`Composer.item`) shares its
        fragment, whatever fields the view has. The HTML fragment gets its CSS
        inlined here, once, from ``email/style.css``.
        """
        key = (fmt, language, id(item))
        found = self.items.get(key)
        if found is None:
            if len(self.items) >= 2 * ITEM_CACHE:  # both formats of as many views
                self.items.clear()
            t = self.strings(language)
            out = self.template(f"email/_item.{fmt}").render(item=item, t=t, lang=language)
            if fmt == "html":
                css = self.template("email/style.css").render()
                out = markupsafe.Markup(self.inliner.inline_fragment(out, css))
            found = self.items[key] = (item, out)
        return found[1]

    def render(self, kind: str, language: str, context: dict[str, Any]) -> Rendered:
        """Render ``email/<kind>.txt`` and ``.html`` with the words of ``language``.

        A broken template (an official's copy in ``templates_dir``, say)
        raises :class:`MailError` naming the file and line.
        """
        try:
            return self._render(kind, language, context)
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as err:
            # Errors a template's own expressions can raise, e.g. {{ n + "x" }}.
            raise MailError(
                f"cannot render the {kind} mail in {language!r}: {describe_template_error(err)}",
                hint="fix that template (or remove your copy from templates_dir), then send again",
            ) from None

    def _render(self, kind: str, language: str, context: dict[str, Any]) -> Rendered:
        t = self.strings(language)
        items: list[ItemView] = context.get("items", [])
        groups: list[SectorGroup] = context.get("groups", [])
        subject = subject_line(t, kind, items, groups)
        fragments: list[str] = []

        def render_item(item: ItemView, fmt: str) -> str:
            fragment = self.render_item(item, fmt, language)
            if fmt != "html":
                return fragment
            # The page is inlined without its items (already inlined): a
            # placeholder stands for each, swapped back after inlining.
            fragments.append(fragment)
            return markupsafe.Markup(f"<!--tbt-item-{len(fragments) - 1}-->")

        ctx = {
            "t": t,
            "lang": language,
            "kind": kind,
            "subject": subject,
            "render_item": render_item,
            **context,
        }
        text = self.template(f"email/{kind}.txt").render(ctx)
        html = self.inliner.inline(self.template(f"email/{kind}.html").render(ctx))
        html = _ITEM_PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)
        return Rendered(subject, text, html)

    def local_today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()


class MailData:
    """Everything needed to render a batch of jobs, loaded in a few queries."""

    def __init__(self, session: Session, jobs: list[Job]) -> None:
        sids = sorted({j.subscriber_id for j in jobs})
        nids = sorted({n for j in jobs for n in j.notification_ids})
        self.subscribers: dict[int, Subscriber] = {}
        self.sectors_of: dict[int, list[str]] = {}
        self.notes: dict[int, Notification] = {}
        self.reasons: dict[int, dict[str, str]] = {}
        for part in _chunks(sids, 1000):
            for sub in session.exec(select(Subscriber).where(col(Subscriber.id).in_(part))):
                assert sub.id is not None
                self.subscribers[sub.id] = sub
            for sid, sector in session.exec(
                select(SubscriberSector.subscriber_id, SubscriberSector.sector_id).where(
                    col(SubscriberSector.subscriber_id).in_(part)
                )
            ):
                self.sectors_of.setdefault(sid, []).append(sector)
        for part in _chunks(nids, 1000):
            # Not the raw payload: no mail shows it, and it is most of a row's bytes.
            notes = select(Notification).options(defer(Notification.raw))  # type: ignore[arg-type]
            for note in session.exec(notes.where(col(Notification.id).in_(part))):
                assert note.id is not None
                self.notes[note.id] = note
            for nid, sector, reason in session.exec(
                select(Tag.notification_id, Tag.sector_id, Tag.reason).where(
                    col(Tag.notification_id).in_(part), Tag.status == "active"
                )
            ):
                self.reasons.setdefault(nid, {})[sector] = reason
        sectors = session.exec(select(Sector).order_by(col(Sector.position))).all()
        self.sector_order = [s.id for s in sectors]
        self.sector_names = {s.id: (s.name_vi, s.name_en) for s in sectors}

    def sector_name(self, sector_id: str, language: str) -> str:
        vi, en = self.sector_names.get(sector_id, (sector_id, sector_id))
        return vi if language == "vi" else en

    def reasons_for(self, sub: Subscriber, note: Notification) -> list[SectorReason]:
        """The subscriber's sectors on this notification, each with why it matched."""
        assert sub.id is not None and note.id is not None
        mine = self.sectors_of.get(sub.id, [])
        tags = self.reasons.get(note.id, {})
        found = [
            SectorReason(s, self.sector_name(s, sub.language), tags[s]) for s in mine if s in tags
        ]
        if not found and mine:
            why = (
                f"cập nhật của {note.base_symbol} bạn đã nhận"
                if sub.language == "vi"
                else f"follow-up of {note.base_symbol}, which you received"
            )
            found = [SectorReason(mine[0], self.sector_name(mine[0], sub.language), why)]
        return found


def _chunks(seq: list[T], size: int) -> list[list[T]]:
    return [seq[i : i + size] for i in range(0, len(seq), size)]


ITEM_CACHE = 20_000  # item views a composer keeps for reuse


class Composer:
    """Turns a job into the bytes of its message, in the subscriber's language."""

    def __init__(self, settings: Settings, data: MailData, now: datetime) -> None:
        self.settings = settings
        self.data = data
        self.now = now
        env = make_environment(settings)
        env.auto_reload = False  # this run's own environment: no need to re-check the files
        self.renderer = Renderer(settings, env)
        self.today = self.renderer.local_today(now)
        self.domain = mail_domain(settings)
        self.items: dict[tuple[int, str, tuple[str, ...]], ItemView] = {}

    def item(self, sub: Subscriber, nid: int) -> ItemView:
        """A notification as this reader sees it: built once per run for readers alike.

        Readers alike share a language and a set of sectors; the cache is
        emptied when it grows past ``ITEM_CACHE`` entries.
        """
        assert sub.id is not None
        key = (nid, sub.language, tuple(self.data.sectors_of.get(sub.id, ())))
        found = self.items.get(key)
        if found is None:
            if len(self.items) >= ITEM_CACHE:
                self.items.clear()
            note = self.data.notes[nid]
            reasons = self.data.reasons_for(sub, note)
            found = make_item(
                note,
                reasons,
                language=sub.language,
                today=self.today,
                country=self.settings.affected_country,
            )
            self.items[key] = found
        return found

    def context(self, job: Job, sub: Subscriber) -> dict[str, Any]:
        assert sub.id is not None
        items = [self.item(sub, nid) for nid in job.notification_ids]
        return {
            "subscriber_name": sub.name,
            "frequency": job.frequency,
            "items": items,
            "groups": group_items(items, self.data.sector_order, affected_first=sub.affected_first),
            "sector_names": [
                self.data.sector_name(s, sub.language) for s in self.data.sectors_of.get(sub.id, [])
            ],
            "unsubscribe_url": link(self.settings, "unsubscribe", sub.id, sub.email),
            "preferences_url": link(self.settings, "preferences", sub.id, sub.email),
            "calendar_url": calendar_link(self.settings, sub.id, sub.email),
        }

    def symbols(self, job: Job) -> list[str]:
        """The symbols of the job's items, in order."""
        return [self.data.notes[nid].symbol for nid in job.notification_ids]

    def compose(self, job: Job) -> tuple[str, str, bytes]:
        """(recipient, subject, message bytes) for a job."""
        sub = self.data.subscribers[job.subscriber_id]
        ctx = self.context(job, sub)
        rendered = self.renderer.render(job.kind, sub.language, ctx)
        msg = build_message(
            self.settings,
            rendered,
            to_email=sub.email,
            to_name=sub.name,
            message_id=job.message_id or new_message_id(self.settings, str(job.subscriber_id)),
            now=self.now,
            unsubscribe_url=ctx["unsubscribe_url"],
        )
        return sub.email, rendered.subject, msg
