"""Re-create jixiao's frozen dataclasses with `slots=True`, in this process only, to measure
what the change would save before anyone edits model.py (see bench/profiling.py).

Must run before anything else binds the classes; names bound by `from x import Y` elsewhere
are rebound too. Used only in a child interpreter started for the measurement.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys

# The records held per indicator: the model, the rule outcome, the engine's result.
MODULES = ("jixiao.model", "jixiao.findings", "jixiao.rules.base", "jixiao.engine.result")
GENERATED = {
    "__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__", "__init__", "__repr__",
    "__eq__", "__hash__", "__setattr__", "__delattr__", "__match_args__", "__getstate__", "__setstate__",
    "__annotations__", "__doc__", "__module__", "__qualname__",
}


def _slotted(cls: type) -> type:
    fields = []
    for f in dataclasses.fields(cls):
        spec = {}
        if f.default is not dataclasses.MISSING:
            spec["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            spec["default_factory"] = f.default_factory
        fields.append((f.name, f.type, dataclasses.field(**spec)))
    names = {f.name for f in dataclasses.fields(cls)}
    namespace = {k: v for k, v in vars(cls).items() if k not in GENERATED and k not in names}
    namespace["__module__"] = cls.__module__
    namespace["__doc__"] = cls.__doc__
    return dataclasses.make_dataclass(
        cls.__name__, fields, bases=cls.__bases__, namespace=namespace, frozen=True, slots=True
    )


def install() -> dict[type, type]:
    replaced: dict[type, type] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in list(vars(module).items()):
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == name
                and "__slots__" not in vars(value)  # already slotted: nothing to measure
            ):
                new = _slotted(value)
                replaced[value] = new
                setattr(module, attr, new)
    for module in list(sys.modules.values()):
        if module is None or not getattr(module, "__name__", "").startswith("jixiao"):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, type) and value in replaced:
                setattr(module, attr, replaced[value])
    return replaced
