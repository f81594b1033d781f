"""Plain record classes for the types ``whichlayer explain`` builds on every run.

A ``@dataclass`` costs start-up time twice: importing :mod:`dataclasses` imports
:mod:`inspect` (and with it ``ast``, ``dis``, ``tokenize``, about 5 ms), and each
decorated class compiles its generated methods when the module is imported (0.3-0.7 ms a
class, more with ``slots=True``, which builds the class twice). Together that was about a
sixth of a cold start. The records on the explain path are therefore written out: a
class with ``__slots__``, an ``__init__`` of its own, and this base's ``__repr__`` and
``__eq__``, which read the names in ``_fields`` and behave as a dataclass's do (the
same text, equal when of the same class with equal fields; unhashable unless frozen).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar


class Record:
    """``__repr__`` and ``__eq__`` over ``_fields`` (a dataclass's, with ``eq=True``)."""

    __slots__ = ()
    #: The fields, in the order a dataclass would list them (those with ``compare=False``
    #: and ``repr=False`` left out).
    _fields: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Record):
            return NotImplemented
        return self._values() == other._values()

    # (defining __eq__ sets __hash__ to None: unhashable, as a dataclass with eq=True)

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot be assigned after ``__init__`` (as a frozen
    dataclass: hashable by its fields). ``__init__`` sets them with ``_set``."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[Any, ...]:
        # (pickle and copy would set the slots one by one, which __setattr__ refuses;
        # a frozen record's __init__ takes its fields in ``_fields`` order)
        return (type(self), self._values())


#: How a frozen record's ``__init__`` sets its fields.
_set = object.__setattr__


class LaterRecord(Record):
    """A :class:`Record` some of whose fields (:class:`Deferred`, installed by ``defer``) a
    pending step fills only when one of them is first read or assigned: work whose answer
    the caller may never ask for (a text scan, the words of a Diagnosis) is then not done.
    The step is a function of the record (``later``); it must give what doing the work at
    once would have given, so the fields read the same either way, and it reads and writes
    the deferred fields' slots (``_<name>``), never the fields themselves. It runs before
    the record forgets it: a second thread that reads a field meanwhile runs it as well
    (the same answer), rather than read a slot not yet filled."""

    __slots__ = ("_later",)

    _later: Callable[[Any], None] | None

    def later(self, step: Callable[[Any], None]) -> None:
        """Fill this record's deferred fields by ``step(self)`` when one is first used (a step
        still pending runs first)."""
        if self._later is not None:
            self._settle()
        self._later = step

    def _settle(self) -> None:
        step = self._later
        if step is not None:
            step(self)
            self._later = None

    def __getstate__(self) -> object:
        # (pickle and copy read the slots: the step runs first, and is not kept)
        if self._later is not None:
            self._settle()
        return object.__getstate__(self)


class Deferred:
    """A field of a :class:`LaterRecord` held in the slot ``_<name>``: reading or assigning it
    first runs the record's pending step, if any."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot  # the member descriptor of the private slot

    def __get__(self, record: LaterRecord | None, owner: type | None = None) -> Any:
        if record is None:
            return self
        if record._later is not None:
            record._settle()
        return self._slot.__get__(record, owner)

    def __set__(self, record: LaterRecord, value: object) -> None:
        if record._later is not None:
            record._settle()
        self._slot.__set__(record, value)


def later_slots(fields: tuple[str, ...], deferred: tuple[str, ...]) -> tuple[str, ...]:
    """The ``__slots__`` of a LaterRecord with these fields: a deferred field's value is held
    in the slot ``_<name>`` (``defer`` puts its :class:`Deferred` at ``<name>``)."""
    return tuple("_" + name if name in deferred else name for name in fields)


def defer(cls: type[LaterRecord], *names: str) -> None:
    """Make ``names`` deferred fields of ``cls``, each held in its slot ``_<name>``."""
    for name in names:
        setattr(cls, name, Deferred(cls.__dict__["_" + name]))
