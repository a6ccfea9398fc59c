"""Rules are data: YAML files in ``rules/``, each validated against the schema its stage declares.

A schema is written with plain Python values:

* a type (``str``, ``int``, ``float``, ``bool``) — a scalar of that type;
* ``[spec]`` — a list whose items match ``spec``;
* ``{"key": spec, "other?": spec}`` — a mapping with exactly these keys (``?`` marks optional ones);
* ``{str: spec}`` — a mapping with any string keys, every value matching ``spec``.

A bad file raises :class:`RulesError` naming the file and the key, e.g.
``rules/figures.yaml: units.money[2].words: expected a list, got str``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import regex
import yaml

RULES_DIR = Path(os.environ.get("BAOCAO_RULES", Path(__file__).resolve().parent.parent / "rules"))

Schema = Any


class _Loader(yaml.SafeLoader):
    """SafeLoader that also reads ``1e9`` as a float (plain YAML 1.1 wants ``1.0e+9``)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    regex.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)


class RulesError(ValueError):
    """A rule file that does not match its schema; the message names the file and the key."""


def load(name: str, schema: Schema, rules_dir: Path | None = None) -> Any:
    """Load ``rules/<name>`` and validate it; cached per (name, directory)."""
    return _load(name, _freeze(schema), rules_dir or RULES_DIR)


@cache
def _load(name: str, frozen_schema: Any, rules_dir: Path) -> Any:
    path = rules_dir / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise RulesError(f"{path}: rule file not found") from None
    except yaml.YAMLError as err:
        raise RulesError(f"{path}: not valid YAML: {err}") from None
    validate(data, _thaw(frozen_schema), f"{path}")
    return data


def validate(value: Any, spec: Schema, where: str) -> None:
    """Raise RulesError if ``value`` does not match ``spec``; ``where`` names the place."""
    if isinstance(spec, type):
        ok = isinstance(value, spec) and not (spec is int and isinstance(value, bool))
        if spec is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok:
            raise RulesError(f"{where}: expected {spec.__name__}, got {_kind(value)}")
        if spec is str and value.startswith("re:"):
            check_pattern(value[3:], where)
        return
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise RulesError(f"{where}: expected a list, got {_kind(value)}")
        for i, item in enumerate(value):
            validate(item, spec[0], f"{where}[{i}]")
        return
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise RulesError(f"{where}: expected a mapping, got {_kind(value)}")
        sep = ": " if ":" not in where.rsplit("/", 1)[-1] else "."
        if str in spec:
            for key, item in value.items():
                if not isinstance(key, str):
                    raise RulesError(f"{where}: key {key!r} must be a string")
                validate(item, spec[str], f"{where}{sep}{key}")
            return
        wanted = {k.rstrip("?"): k.endswith("?") for k in spec}
        for key in value:
            if key not in wanted:
                raise RulesError(f"{where}{sep}{key}: unknown key (allowed: {', '.join(sorted(wanted))})")
        for key, optional in wanted.items():
            if key not in value:
                if not optional:
                    raise RulesError(f"{where}{sep}{key}: missing required key")
                continue
            validate(value[key], spec[key + "?" if optional else key], f"{where}{sep}{key}")
        return
    raise TypeError(f"bad schema at {where}: {spec!r}")


def check_pattern(pattern: str, where: str) -> None:
    try:
        regex.compile(pattern)
    except regex.error as err:
        raise RulesError(f"{where}: bad regular expression {pattern!r}: {err}") from None


def words_pattern(words: list[str]) -> str:
    """An alternation of literal words, longest first so ``nghìn tỷ`` wins over ``nghìn``.

    Spaces match any run of horizontal whitespace. The result has no nested quantifiers,
    so it matches in linear time.
    """
    alts = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"[ \t]+") for w in alts)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _freeze(spec: Schema) -> Any:
    if isinstance(spec, dict):
        return ("dict", tuple((k, _freeze(v)) for k, v in spec.items()))
    if isinstance(spec, list):
        return ("list", _freeze(spec[0]))
    return spec


def _thaw(frozen: Any) -> Schema:
    if isinstance(frozen, tuple) and frozen and frozen[0] == "dict":
        return {k: _thaw(v) for k, v in frozen[1]}
    if isinstance(frozen, tuple) and frozen and frozen[0] == "list":
        return [_thaw(frozen[1])]
    return frozen
