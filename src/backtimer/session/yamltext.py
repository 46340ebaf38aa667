"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` throws away line numbers, and a message without a line is no help to
someone editing a file by hand. So we compose the node tree with the safe loader, then build
plain values from it ourselves, keeping each value's line. Building the values ourselves also
lets us bound the work: anchors and aliases can make a small file expand to billions of nodes
("billion laughs"), so the walk stops after a fixed number of nodes or a fixed depth.

The files that ship with BackTimer are read at every start, so for them (``shipped=True``)
libyaml's C parser, where PyYAML has it, turns the text into events, ~8x faster than the
pure-Python scanner and parser. The nodes are still composed here, in Python, with the same
depth limit (libyaml's own composer recurses without one), and they come out the same, lines
included (a test compares both for every shipped file). Anything the C parser does not take is
read again the pure-Python way, so every problem is reported exactly as for any other file.
Other files (the user's, imports, ``backtimer check``) are always read the pure-Python way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from backtimer.session.editor_lines import EditorLines, yaml_line_at
from backtimer.session.hints import refuse_utf16
from backtimer.session.problems import Problem, ProblemsError

MAX_NODES = 20_000
MAX_DEPTH = 40
MAX_BYTES = 1_000_000

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


# -- the resolver: which plain scalars are numbers, booleans and nulls --------------------------
#
# PyYAML follows YAML 1.1, whose implicit types read mistakes as something else: ``hold: 1:30``
# became 90 (base-60) while ``0:30`` stayed text, ``hold: 010`` became 8 (octal), and ``yes``,
# ``no``, ``on`` and ``off`` became booleans. The format is read with YAML 1.2's core rules
# instead: only ``true``/``false`` are booleans, integers are decimal (a leading zero is just a
# zero), floats have no base-60 form. Everything else stays text, so the field that gets it
# either reads it on purpose (``1:30`` is a duration, see durations.py) or says what it expected.


class _Yaml12Resolver(Resolver):
    """The implicit resolvers of YAML 1.2's core schema (timestamps and the rest as before)."""


_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Yaml12Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_YAML12 = _Yaml12Resolver.yaml_implicit_resolvers


class _Yaml12Constructor(SafeConstructor):
    """Builds integers in base 10: with the resolver above, ``010`` is ten, never eight."""

    def construct_yaml_int(self, node: yaml.Node) -> int:
        return int(str(self.construct_scalar(cast(yaml.ScalarNode, node))), 10)


_Yaml12Constructor.add_constructor(  # type: ignore[type-var]  # stubs want a Loader here
    "tag:yaml.org,2002:int", _Yaml12Constructor.construct_yaml_int
)


@dataclass(frozen=True)
class Located:
    """A value and the 1-based line it was written on.

    A mapping is a ``dict[str, Located]`` whose entries carry the line of their key; a sequence
    is a ``list[Located]``; anything else is the plain scalar.
    """

    value: Any
    line: int


def read_yaml_file(path: str, data: bytes, *, shipped: bool = False) -> Located:
    """Parse one file's bytes into located values, or raise ProblemsError naming the line.

    ``shipped``: the file comes with BackTimer, so it may be parsed with libyaml (see above).
    """
    text = _decode(path, data)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ProblemsError([Problem(path, 1, "the file is empty")])
    lines = EditorLines(text)
    try:
        node = _compose_with_libyaml(text, path) if shipped else None
        if node is None:
            node = _compose(text, path)
    except ProblemsError as error:
        raise ProblemsError(lines.problems(error.problems)) from None
    builder = _Builder(path, lines)
    located = builder.build(node)
    if builder.problems:
        raise ProblemsError(builder.problems)
    return located


def _compose(text: str, path: str) -> yaml.Node:
    """The node tree, composed the pure-Python way; every YAML error becomes a problem."""
    loader: _DepthLimitedLoader | None = None
    try:
        loader = _DepthLimitedLoader(text, path)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as error:
        line = yaml_line_at(text, error.position)
        reason = f"the character {error.character!r} is not allowed in YAML"
        raise ProblemsError([Problem(path, line, f"not valid YAML: {reason}")]) from None
    except yaml.MarkedYAMLError as error:
        line, reason = _syntax_error(error, text)
        raise ProblemsError([Problem(path, line, f"not valid YAML: {reason}")]) from None
    except yaml.YAMLError as error:
        raise ProblemsError([Problem(path, 1, f"not valid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise ProblemsError([Problem(path, 1, "the file is empty")])
    return node


_LINE_ENDS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line a person should look at for a YAML syntax error, and what to tell them.

    PyYAML marks where it gave up (the problem), which is often lines later than the mistake:
    an unclosed quote on line 1 is found at the end of the file, ``hold 10s`` without its colon
    on the next line. The scanner's context mark is where the unfinished thing started, so it
    is used for the scanner's errors and for anything that runs into the end of the file; a
    parser's context (the block that holds the mistake) can start far above it, so otherwise
    the problem's own line stays.
    """
    problem, context = error.problem_mark, error.context_mark
    last = yaml_line_at(text, len(text)) - (1 if text.endswith(_LINE_ENDS) else 0)
    reason = error.problem or str(error)
    at_end = (problem is not None and problem.line + 1 > last) or any(
        words in reason for words in ("end of stream", "<stream end>"))
    use_context = context is not None and (
        isinstance(error, yaml.scanner.ScannerError) or at_end
    )
    mark = context if use_context else problem or context
    line = min(mark.line + 1, max(last, 1)) if mark is not None else 1
    what = error.context or ""
    if "quoted scalar" in what and "end of stream" in reason:
        reason = "a quoted text that starts on this line is never closed (its closing quote " \
                 "is missing)"
    elif "simple key" in what and "':'" in reason:
        reason = "a key without its ':' (write it as 'key: value')"
    elif "flow" in what and at_end:
        reason = "a [ ] list or { } mapping that starts on this line is never closed"
    elif use_context and what:
        reason = f"{what} that starts on this line: {reason}"
    return line, reason


def _compose_with_libyaml(text: str, path: str) -> yaml.Node | None:
    """The node tree from libyaml's events; None when libyaml is missing or the text fails."""
    if _LibyamlLoader is None:
        return None
    try:
        loader = _LibyamlLoader(text, path)
        try:
            node: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:  # the pure-Python loader will say what is wrong, in its usual words
        return None
    return node


class _DepthLimit:
    """Refuses to compose nodes nested deeper, or more of them, than we would ever read.

    PyYAML composes recursively, so ``[[[[...]]]]`` a few hundred levels deep would end in a
    RecursionError (found by fuzzing); stop well before, at a line the person can find.
    The node count is checked here too, while the text is parsed, not only when values are
    built: a 1 MB file holding a 500,000-item list took 12 s and 376 MB to compose before the
    builder's count refused it. Here it stops at the first node over ``MAX_NODES``, having
    parsed only that far. (An alias is not composed again, so the builder still counts what
    aliases expand to.)
    """

    path: str
    depth: int
    nodes: int

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                line = self._line()
                raise ProblemsError([Problem(self.path, line, "the document is nested too deeply")])
            if not cast(Any, self).check_event(yaml.AliasEvent):
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise ProblemsError([Problem(
                        self.path, self._line(),
                        f"the document is too large (more than {MAX_NODES} values)",
                    )])
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self.depth -= 1

    def _line(self) -> int:
        return int(cast(Any, self).peek_event().start_mark.line) + 1  # the parser's


class _DepthLimitedLoader(_DepthLimit, yaml.SafeLoader):
    """The safe loader with the depth limit and YAML 1.2's implicit types."""

    yaml_implicit_resolvers = _YAML12

    def __init__(self, text: str, path: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self.path = path
        self.depth = 0
        self.nodes = 0


def _libyaml_loader() -> type | None:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class LibyamlLoader(_DepthLimit, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's parser (events only), composed by PyYAML's Python composer."""

        yaml_implicit_resolvers = _YAML12

        def __init__(self, text: str, path: str) -> None:
            CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self.path = path
            self.depth = 0
            self.nodes = 0

    return LibyamlLoader


_LibyamlLoader = _libyaml_loader()


def _decode(path: str, data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ProblemsError(
            [Problem(path, 1, f"the file is too large ({len(data)} bytes; at most {MAX_BYTES})")]
        )
    refuse_utf16(path, data)  # every file, the settings too: not "a binary file"
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ProblemsError([Problem(path, line, "this is a binary file, not YAML text")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemsError(
            [Problem(path, line, f"not UTF-8 text (bad byte 0x{data[error.start]:02x})")]
        ) from None


class _Builder:
    """Walks the composed node tree once, with a budget on nodes and depth."""

    def __init__(self, path: str, lines: EditorLines) -> None:
        self.path = path
        self.lines = lines
        self.nodes = 0
        self.constructor = _Yaml12Constructor()
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, depth: int = 0) -> Located:
        line = self.lines(node.start_mark.line + 1)
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise ProblemsError(
                [
                    Problem(
                        self.path,
                        line,
                        "the document is too large or too deeply nested "
                        "(anchors and aliases expand too far)",
                    )
                ]
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, line, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self._tag_problem(node, line)
            return Located([self.build(child, depth + 1) for child in node.value], line)
        return Located(self._scalar(node, line), line)

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int) -> Located:
        if node.tag != _MAP_TAG:
            raise self._tag_problem(node, line)
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key_line = self.lines(key_node.start_mark.line + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                raise ProblemsError([Problem(self.path, key_line, "a key must be plain text")])
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ProblemsError(
                    [Problem(self.path, key_line, "merge keys (<<) are not supported")]
                )
            key = self._scalar(key_node, key_line)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                self.problems.append(
                    Problem(self.path, key_line, "this key is given twice", field=key)
                )
                continue
            value = self.build(value_node, depth + 1)
            result[key] = Located(value.value, key_line)
        return Located(result, line)

    def _scalar(self, node: yaml.Node, line: int) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:
            raise self._tag_problem(node, line) from None
        except (ValueError, OverflowError) as error:
            raise ProblemsError([Problem(self.path, line, f"unreadable value: {error}")]) from None

    def _tag_problem(self, node: yaml.Node, line: int) -> ProblemsError:
        return ProblemsError(
            [Problem(self.path, line, f"the YAML tag {node.tag!r} is not allowed here")]
        )
