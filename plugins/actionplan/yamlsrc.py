"""Read YAML (and Markdown front matter) keeping the line of every mapping key and list item.

PyYAML forgets positions once it builds Python objects and silently lets a duplicate key win;
both would make our error messages vague, so this loader remembers lines and reports duplicates.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from .model import Where
from .problems import Problem
from .yamlerrors import describe, unclosed_quote


class Map(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its keys stood."""

    line: int = 0
    lines: dict[str, int]


class Seq(list[Any]):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones we show contributors."""

    duplicates: list[tuple[str, int]]


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml, several times faster, for the common case of valid files; on any error the file
    is parsed again with ``_Loader`` for a clearer message."""

    duplicates: list[tuple[str, int]]


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    result = Map()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Seq:
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


MAX_DIGITS = 18  # the largest number of ours is a page (3 digits); Python refuses to read past 4,300


class _TooLong(yaml.constructor.ConstructorError):
    """A number past ``MAX_DIGITS``: valid YAML, but no value of ours; reported as what it is."""


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """An integer, bounded before Python reads it: a number of thousands of digits is refused at its
    line like any other problem, not left to Python's integer-string limit (a traceback)."""
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_DIGITS:
        raise _TooLong(None, None, f"a number of {digits} digits is too long (at most {MAX_DIGITS})", node.start_mark)
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]
    return value


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[arg-type]
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)  # type: ignore[arg-type]
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)  # type: ignore[arg-type]
    # Dates stay strings: a contributor's "2025-07-01" must not silently become a datetime.date.
    _cls.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


MAX_FILE_BYTES = 1_000_000  # the largest data file is ~60 kB; a bigger one is a mistake or an attack
MAX_DEPTH = 50  # the deepest real nesting is 6 (pillar > goals > actions > notes > note)
MAX_VALUES = 200_000  # values after alias expansion; the real pillar files have a few thousand


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a source file (missing, a link, a folder, a special file), or ``None``."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return "file is missing"
    except OSError as e:
        return f"cannot be read: {e.strerror or e}"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link; commit the file itself (a link may point outside the repository)"
    if stat.S_ISDIR(st.st_mode):
        return "is a directory, expected a file"
    if not stat.S_ISREG(st.st_mode):
        return "is a special file (a FIFO, device or socket), not a regular file"
    if st.st_size > MAX_FILE_BYTES:
        return f"is {st.st_size} bytes, more than the limit of {MAX_FILE_BYTES} bytes"
    return None


def _unread(where: Where, message: str) -> Problem:
    """A problem that left the file unread (``Problem.unreadable``): listed before the rest."""
    return Problem(where, "", "", message, unreadable=True)


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Decode a UTF-8 source file strictly; encoding accidents become problems, not mojibake."""
    where = Where(shown)
    bad = file_problem(path)
    if bad:
        problems.append(_unread(where, bad))
        return None
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        problems.append(_unread(where, f"cannot be read: {e.strerror or e}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(_unread(where, f"is more than the limit of {MAX_FILE_BYTES} bytes"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(Where(shown, 1), "", "", "starts with a byte-order mark; save as UTF-8 without BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        problems.append(_unread(Where(shown, line), f"not valid UTF-8 (byte 0x{raw[e.start]:02x})"))
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(Where(shown, line), "", "", "has CR/CRLF line endings; use LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _bounded(text: str, shown: str, problems: list[Problem], line_offset: int) -> bool:
    """Walk the YAML events (no objects built) and refuse documents nested deeper than ``MAX_DEPTH``
    or expanding, through aliases, to more than ``MAX_VALUES`` values: both would hang or crash
    the loader. Syntax errors are left to the parser's own message."""
    stack: list[list[Any]] = []  # [anchor, values so far] per open collection
    sizes: dict[str, int] = {}
    total = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            line = (event.start_mark.line if event.start_mark else 0) + 1 + line_offset
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) > MAX_DEPTH:
                    problems.append(_unread(Where(shown, line), f"YAML nesting deeper than {MAX_DEPTH} levels"))
                    return False
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                if stack:
                    stack[-1][1] += size
                continue
            if isinstance(event, yaml.AliasEvent):
                size = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            else:
                continue
            total += size
            if stack:
                stack[-1][1] += size
            if total > MAX_VALUES or (stack and stack[-1][1] > MAX_VALUES):
                problems.append(_unread(Where(shown, line), f"YAML aliases expand to more than {MAX_VALUES} values; "
                                        "write the data out instead of nesting aliases"))
                return False
    except yaml.YAMLError as e:
        if "nesting depth" in str(e):  # libyaml's own limit (1000), met before ours when its scanner reads ahead
            mark = getattr(e, "problem_mark", None)
            line = (mark.line if mark else 0) + 1 + line_offset
            problems.append(_unread(Where(shown, line), f"YAML nesting deeper than {MAX_DEPTH} levels"))
            return False
        return True
    return True


def parse_yaml(text: str, shown: str, problems: list[Problem], line_offset: int = 0) -> Any:
    """Parse YAML text; syntax errors and duplicate keys become problems with their lines."""
    if not _bounded(text, shown, problems, line_offset):
        return None
    fast = _FastLoader(text)
    fast.duplicates = []
    try:
        data = fast.get_single_data()
        if not fast.duplicates:
            if line_offset:
                _shift(data, line_offset)
            return data
    except yaml.YAMLError:
        pass  # parsed again below, for the pure-Python loader's message
    finally:
        fast.dispose()
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        loader.duplicates = []
        data = loader.get_single_data()
    except yaml.reader.ReaderError as e:
        line = text[: e.position].count("\n") + 1 + line_offset
        char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
        problems.append(_unread(Where(shown, line), f"YAML syntax error: unacceptable character #x{char:04x}: {e.reason}"))
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        said = (e.problem or "") if isinstance(e, _TooLong) else "YAML syntax error: " + describe(e, line_offset)
        if (e.context or "").startswith("while scanning a quoted scalar") and e.context_mark is not None:
            opened: int | None = e.context_mark.line  # YAML knows where the quote opened
        else:
            opened = unclosed_quote(text, mark.line if mark else -1, e.context_mark.line if e.context_mark else 0)
        if opened is not None and not isinstance(e, _TooLong):
            line = opened + 1 + line_offset
            said += f" (the quote opened on line {line} is not closed)"
        problems.append(_unread(Where(shown, line), said))
        return None
    except yaml.YAMLError as e:
        problems.append(_unread(Where(shown), f"YAML error: {e}"))
        return None
    except RecursionError:  # only without libyaml, whose parser bounds nesting before ours
        problems.append(_unread(Where(shown), f"YAML nesting deeper than {MAX_DEPTH} levels"))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    for key, line in loader.duplicates:
        problems.append(Problem(Where(shown, line + line_offset), "", key, "duplicate key in a mapping"))
    if line_offset:
        _shift(data, line_offset)
    return data


def _shift(value: Any, offset: int) -> None:
    if isinstance(value, Map):
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for v in value.values():
            _shift(v, offset)
    elif isinstance(value, Seq):
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for v in value:
            _shift(v, offset)


def load_yaml_file(path: Path, shown: str, problems: list[Problem], empty_ok: bool = False) -> Any:
    """The file's data; ``None`` (with a problem recorded) when it is missing, unreadable or empty
    (``empty_ok``: an empty file is ``None`` without a problem)."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    found = len(problems)
    data = parse_yaml(text, shown, problems)
    if data is None and len(problems) == found and not empty_ok:
        problems.append(Problem(Where(shown), "", "", "file is empty"))
    return data
