"""Loading YAML that officials write, with bounds checked before anything is built.

YAML is read with libyaml's C parser when PyYAML has it (about 20 times
faster), safe tags only. Every YAML file tbtalert reads (the sector
taxonomy, subscriber files, the member names) goes through here.

PyYAML builds what a file describes: a kilobyte of nested aliases ("billion
laughs") describes a billion values, and a few thousand nested brackets
overflow the stack. :func:`load_yaml` first walks the file's parse events
(libyaml when available) and refuses, with the line, a file nested deeper
than ``MAX_DEPTH``, with more than ``MAX_ALIASES`` aliases, or describing
more than ``MAX_NODES`` values once its aliases are expanded, and a list
of more than ``max_entries`` entries; only then is it loaded with the safe
loader.
"""

from __future__ import annotations

from typing import Any

import yaml

from tbtalert.errors import TbtAlertError

MAX_DEPTH = 30
"""Deepest nesting of lists and mappings (a subscriber or sector file needs 5)."""
MAX_ALIASES = 100
"""Most ``*alias`` references in one file (the shipped files use none)."""
MAX_NODES = 2_000_000
"""Most values a file may describe, aliases expanded."""

# CSafeLoader exists when PyYAML was built with libyaml (the wheels are).
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def one_line_yaml_error(err: yaml.YAMLError) -> str:
    """A YAML error as one line: what, and where."""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        what = " ".join(filter(None, [err.context, err.problem])) or "not valid YAML"
        if mark is not None:
            return f"{what} at line {mark.line + 1}, column {mark.column + 1}"
        return what
    return " ".join(str(err).split())


class _Budget:
    """Counts a file's values, aliases expanded, while its events stream by."""

    def __init__(self, name: str, error: type[TbtAlertError], max_entries: int | None) -> None:
        self.name, self.error, self.max_entries = name, error, max_entries
        self.nodes = 0
        self.aliases = 0
        self.entries = 0
        self.sizes: dict[str, int] = {}
        # open collections: [anchor, values inside so far, is a sequence]
        self.stack: list[list[Any]] = []

    def refuse(self, event: yaml.Event, what: str, hint: str = "") -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        raise self.error(
            f"{self.name}: {what} (line {line}); refused",
            hint=hint or "write the entries out plainly, without YAML aliases or deep nesting",
        )

    def add(self, event: yaml.Event, size: int) -> None:
        """Count a value of ``size`` values (an alias: its anchor's) in the open collection."""
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.refuse(event, f"describes more than {MAX_NODES:,} values (aliases expanded)")
        if not self.stack:
            return
        parent = self.stack[-1]
        parent[1] += size
        if parent[2] and len(self.stack) == 2 and self.max_entries is not None:
            self.entries += 1
            if self.entries > self.max_entries:
                self.refuse(
                    event,
                    f"more than {self.max_entries:,} entries",
                    f"split it into files of at most {self.max_entries:,} entries",
                )

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.CollectionStartEvent):
            self.add(event, 1)
            self.stack.append([event.anchor, 0, isinstance(event, yaml.SequenceStartEvent)])
            if len(self.stack) > MAX_DEPTH:
                self.refuse(event, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, inside, _ = self.stack.pop()
            if anchor:
                self.sizes[anchor] = inside + 1
            if self.stack:
                self.stack[-1][1] += inside
        elif isinstance(event, yaml.ScalarEvent):
            self.add(event, 1)
            if event.anchor:
                self.sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                self.refuse(event, f"more than {MAX_ALIASES} aliases")
            self.add(event, self.sizes.get(event.anchor or "", 1))


def check_yaml(
    text: str, name: str, error: type[TbtAlertError], *, max_entries: int | None = None
) -> None:
    """Refuse ``text`` when it is too deep, too aliased, too big, or not YAML (one line)."""
    budget = _Budget(name, error, max_entries)
    try:
        for event in yaml.parse(text, Loader=Loader):
            budget.feed(event)
    except yaml.YAMLError as err:
        raise error(f"{name}: not valid YAML: {one_line_yaml_error(err)}") from None


def load_text(text: str) -> Any:
    """The data of one YAML document; raise yaml.YAMLError when it is not valid."""
    return yaml.load(text, Loader=Loader)


def load_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (whose marks give each value's line)."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()
    return data, root


def load_checked(
    text: str, name: str, error: type[TbtAlertError], *, max_entries: int | None = None
) -> tuple[Any, yaml.Node | None]:
    """``text`` checked by :func:`check_yaml`, then its data and node tree (one line on error)."""
    check_yaml(text, name, error, max_entries=max_entries)
    try:
        return load_with_nodes(text)
    except yaml.YAMLError as err:
        raise error(f"{name}: not valid YAML: {one_line_yaml_error(err)}") from None
