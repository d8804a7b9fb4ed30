"""Mail: from a due notification to a message accepted by the mail server, exactly once.

The modules, in the order a message travels:

- :mod:`~tbtalert.mail.queue` — which deliveries are due (alerts, reminders,
  heartbeats), queueing them as rows, and grouping queued rows into messages
  (:class:`~tbtalert.mail.queue.Job`);
- :mod:`~tbtalert.mail.claims` — the state of a queued row (drawn there),
  claiming a message before it is sent, taking over what a dead run left,
  recording how each send ended;
- :mod:`~tbtalert.mail.compose` — loading what the messages need, wording
  (subject lines) and rendering both parts in the reader's language, with
  :mod:`~tbtalert.mail.views` (a notification as a reader sees it, grouped);
- :mod:`~tbtalert.mail.mime` — writing the message as the bytes sent;
- :mod:`~tbtalert.mail.dispatch` — the sender: claims, renders (in a second
  process for a large run), sends over several connections and records, and
  :func:`~tbtalert.mail.dispatch.send_one` for a one-off message;
- :mod:`~tbtalert.mail.transport` — an SMTP connection, or the ``.eml``
  folder (``outbox_dir``) when no mail server is set;
- :mod:`~tbtalert.mail.runs` — a sending run from end to end
  (:func:`~tbtalert.mail.runs.send`, :func:`~tbtalert.mail.runs.send_reminders`),
  what the command line and the scheduler call.

docs/developing.md says how to add a kind of mail.
"""
