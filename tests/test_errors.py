"""The exception tree: every error tbtalert raises is in errors.py, drawn, with a hint, on one line."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import tbtalert
from tbtalert import errors
from tbtalert.errors import TaxonomyError, TbtAlertError
from tbtalert.sectors import parse_taxonomy

DRAWN = re.compile(r"^(?P<indent>[ │]*(?:[├└]── )?)(?P<name>[A-Z]\w+)\s")


def project_modules() -> list[str]:
    found = pkgutil.walk_packages(tbtalert.__path__, "tbtalert.")
    # __main__ runs the command line; migration scripts run only under Alembic.
    return [
        m.name for m in found if not m.name.endswith("__main__") and ".migrations" not in m.name
    ]


def drawn_parents() -> dict[str, str | None]:
    """Class name → the class drawn above it, read from the docstring of errors.py."""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in (errors.__doc__ or "").splitlines():
        found = DRAWN.match(line.removeprefix("    "))
        if not line.startswith("    ") or not found:
            continue
        depth = len(found["indent"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[found["name"]] = stack[-1][1] if stack else None
        stack.append((depth, found["name"]))
    return parents


def test_every_exception_class_lives_in_errors() -> None:
    outside = []
    for name in project_modules():
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == name != errors.__name__:
                outside.append(f"{name}.{cls_name}")
    assert outside == []


def test_the_drawing_is_the_tree() -> None:
    classes = {
        name: cls
        for name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, TbtAlertError)
    }
    parents = drawn_parents()
    assert set(parents) == set(classes)
    for name, cls in classes.items():
        drawn = parents[name]
        assert drawn is None or cls.__mro__[1].__name__ == drawn, name
        assert cls is TbtAlertError or cls.hint, f"{name} has no hint"


@pytest.mark.parametrize(
    "text",
    [
        "sectors: [\n  - id: coffee\n",  # not valid YAML
        "sectors:\n  - id: Bad\n  - name_vi: x\nother: 1\n",  # several problems
    ],
)
def test_taxonomy_errors_are_one_line(text: str) -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(text, "bad.yaml")
    assert "\n" not in caught.value.one_line()
    assert all(p.startswith("bad.yaml") for p in caught.value.problems)
