"""Rules are data: YAML files in ``rules/``, each validated against the schema its stage declares.

A schema is written with plain Python values:

* a type (``str``, ``int``, ``float``, ``bool``) — a scalar of that type;
* ``[spec]`` — a list whose items match ``spec``;
* ``{"key": spec, "other?": spec}`` — a mapping with exactly these keys (``?`` marks optional ones);
* ``{str: spec}`` — a mapping with any string keys, every value matching ``spec``.

A bad file raises :class:`RulesError` naming the file and the key, e.g.
``rules/figures.yaml: units.money[2].words: expected a list, got str``.

Where the rules are: ``$BAOCAO_RULES`` if set (a whole replacement folder), else the copy shipped
inside the package (``pipeline/rules_data/`` in a wheel), else ``rules/`` at the top of a checkout
(an editable install or the source tree).

Overlays (``baocao run --rules DIR``, or ``$BAOCAO_RULES_EXTRA``): a file ``DIR/<name>.yaml`` is merged
onto the shipped file of the same name, guided by its schema — lists are extended (the overlay's items
appended after the shipped ones, exact duplicates dropped), mappings are merged key by key (a new key is
added and must be complete; a known key is merged recursively), scalars are replaced. The overlay is
validated as it is merged, so an error names the overlay file and the key. Nothing can be removed.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml


def _shipped_dir() -> Path:
    """The rules shipped with the code: inside the package (a wheel), or ``rules/`` of the checkout."""
    packaged = resources.files("pipeline") / "rules_data"
    if packaged.is_dir() and any(p.name.endswith(".yaml") for p in packaged.iterdir()):
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


SHIPPED_DIR = _shipped_dir()
RULES_DIR = Path(os.environ.get("BAOCAO_RULES", SHIPPED_DIR))
EXTRA_ENV = "BAOCAO_RULES_EXTRA"  # the overlay folder; set by ``baocao run --rules`` (inherited by workers)


def rules_dirs() -> tuple[Path, Path | None]:
    """(the rules folder, the overlay folder or None), read from the environment now."""
    base = Path(os.environ["BAOCAO_RULES"]) if os.environ.get("BAOCAO_RULES") else RULES_DIR
    extra = os.environ.get(EXTRA_ENV)
    return base, Path(extra) if extra else None


Schema = Any


# libyaml's C loader when PyYAML has it (about 10x faster than the pure-Python one)
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that also reads ``1e9`` as a float (plain YAML 1.1 wants ``1.0e+9``)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    regex.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)


class RulesError(ValueError):
    """A rule file that does not match its schema; the message names the file and the key."""


def load(name: str, schema: Schema, rules_dir: Path | None = None, extra_dir: Path | None = None) -> Any:
    """Load ``rules/<name>``, validate it, merge the overlay ``<extra_dir>/<name>`` if any; cached.

    Without ``rules_dir``, the folders come from the environment (see :func:`rules_dirs`).
    """
    if rules_dir is None:
        rules_dir, env_extra = rules_dirs()
        extra_dir = extra_dir or env_extra
    return _load(name, _freeze(schema), Path(rules_dir), Path(extra_dir) if extra_dir else None)


@cache
def _load(name: str, frozen_schema: Any, rules_dir: Path, extra_dir: Path | None) -> Any:
    schema = _thaw(frozen_schema)
    path = rules_dir / name
    data = _read(path)
    validate(data, schema, f"{path}")
    if extra_dir is not None and (extra_dir / name).is_file():
        over_path = extra_dir / name
        over = _read(over_path)
        if over is not None:  # an empty overlay file changes nothing
            data = merge(data, over, schema, f"{over_path}")
    return data


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise RulesError(f"{path}: rule file not found") from None
    except UnicodeDecodeError as err:
        raise RulesError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise RulesError(f"{path}: not valid YAML{at}: {problem}".replace("\n", " ")) from None


def merge(base: Any, over: Any, spec: Schema, where: str) -> Any:
    """``over`` merged onto ``base`` (both for ``spec``): lists extended, mappings merged, scalars replaced.

    ``over`` is validated on the way (``where`` names it); ``base`` is not modified.
    """
    if isinstance(spec, list):
        validate(over, spec, where)
        return base + [item for item in over if item not in base]
    if isinstance(spec, dict):
        if not isinstance(over, dict):
            raise RulesError(f"{where}: expected a mapping, got {_kind(over)}")
        sep = ": " if ":" not in where.rsplit("/", 1)[-1] else "."
        if str in spec:
            merged = dict(base)
            for key, item in over.items():
                if not isinstance(key, str):
                    raise RulesError(f"{where}: key {key!r} must be a string")
                at = f"{where}{sep}{key}"
                merged[key] = merge(base[key], item, spec[str], at) if key in base else _checked(item, spec[str], at)
            return merged
        wanted = {k.rstrip("?"): k for k in spec}
        merged = dict(base)
        for key, item in over.items():
            if key not in wanted:
                raise RulesError(f"{where}{sep}{key}: unknown key (allowed: {', '.join(sorted(wanted))})")
            at, sub = f"{where}{sep}{key}", spec[wanted[key]]
            merged[key] = merge(base[key], item, sub, at) if key in base else _checked(item, sub, at)
        return merged
    validate(over, spec, where)
    return over


def _checked(value: Any, spec: Schema, where: str) -> Any:
    validate(value, spec, where)
    return value


# Every rule file, and what loads, validates and compiles it ("module:function", cached per process);
# a rule file whose stage adds checks beyond its schema (kinds, regex parts) is checked by that function.
COMPILERS: dict[str, str] = {
    "pdf_layout.yaml": "pipeline.ingest.pdf_layout:load_rules",
    "ocr.yaml": "pipeline.ingest.ocr_repair:load",
    "legacy_encodings.yaml": "pipeline.ingest.legacy:_tables",
    "layout.yaml": "pipeline.stages.normalize:layout_rules",
    "documents.yaml": "pipeline.stages.metadata:load_rules",
    "parts.yaml": "pipeline.stages.parts:load_rules",
    "sections.yaml": "pipeline.stages.segment:load_rules",
    "references.yaml": "pipeline.stages.references:patterns",
    "entities.yaml": "pipeline.stages.entities:load_rules",
    "dates.yaml": "pipeline.stages.dates:compiled",
    "figures.yaml": "pipeline.stages.figures:compiled",
    "meaning.yaml": "pipeline.stages.meaning.rules:compiled",
    "indicators.yaml": "pipeline.stages.meaning.indicator:vocabulary",
    "checks.yaml": "pipeline.stages.checks:compiled",
}
_checked_for: tuple[Path, Path | None] | None = None


def check_all() -> None:
    """Load, validate and compile every rule file (with the overlay) once, before any document is read.

    Raises :class:`RulesError` for the first bad file; an overlay file that matches no shipped rule
    file is an error too (a misspelt name would otherwise be ignored). Compiled rules are cached, so
    forked workers start with them; calling it again after the folders changed recompiles.
    """
    global _checked_for
    dirs = rules_dirs()
    if dirs == _checked_for:
        return
    extra = dirs[1]
    if extra is not None:
        if not extra.is_dir():
            raise RulesError(f"{extra}: rules folder not found")
        for path in sorted(extra.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.name not in COMPILERS:
                raise RulesError(f"{path}: not a rule file name (rule files: {', '.join(sorted(COMPILERS))})")
    targets = [_target(spec) for spec in COMPILERS.values()]
    # stages may have compiled other folders' rules already (free in a fresh process: nothing cached yet)
    _load.cache_clear()
    for fn in targets:
        getattr(fn, "cache_clear", lambda: None)()
    importlib.import_module("pipeline.ingest.pdf_layout")._RULES = None
    for fn in targets:
        fn()
    _checked_for = dirs


def _target(spec: str) -> Any:
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


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
