"""YAML text read with libyaml's C parser when PyYAML has it (about 20 times faster).

Every YAML file tbtalert reads (the sector taxonomy, subscriber files, the
member names) goes through here: safe tags only, one parse per text.
"""

from __future__ import annotations

from typing import Any

import yaml

# CSafeLoader exists when PyYAML was built with libyaml (the wheels are).
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """The data of one YAML document; raise yaml.YAMLError when it is not valid."""
    return yaml.load(text, Loader=SafeLoader)


def load_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (whose marks give each value's line)."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()
    return data, root


def problem(err: yaml.YAMLError) -> str:
    """A YAML error as one line: where it is and what is wrong."""
    if isinstance(err, yaml.MarkedYAMLError) and err.problem_mark is not None:
        mark = err.problem_mark
        what = err.problem or err.context or "not valid YAML"
        return f"line {mark.line + 1}, column {mark.column + 1}: {what}"
    return " ".join(str(err).split())
