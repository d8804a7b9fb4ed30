"""YAML read with libyaml's C parser when PyYAML has it (about 20 times faster).

Every YAML file tbtalert reads (the sector taxonomy, subscriber files, the
member names) goes through here: safe tags only, one parse per text.
"""

from __future__ import annotations

from typing import Any

import yaml

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
