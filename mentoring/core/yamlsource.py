"""YAML loading that remembers line numbers and refuses what PyYAML silently accepts.

Authors need errors that point at a line, so every mapping and list records where each
of its entries starts. Duplicate keys (which PyYAML silently merges) are reported, and
dates stay plain strings so that the validator, not the parser, judges «2022-02-31».
Author text is untrusted: anchors and aliases (a 2 KB «alias bomb» expands to gigabytes),
absurd nesting and invisible control characters are refused before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import yaml

from mentoring.core.errors import Problems


class YamlMap(dict):
    """A mapping that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Hashable, int]

    def line_of(self, key: Hashable) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A list that knows the line of itself and of each of its items (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _AuthorError(yaml.MarkedYAMLError):
    """A structural mistake whose message is already written for the author."""


# Characters no content text may hold: C0 and C1 controls except tab and newline, DEL,
# the Unicode line and paragraph separators and the bidirectional overrides and isolates.
# They are invisible, break the Atom feed and the Excel export, and can make a line read
# differently from what it says (CVE-2021-42574, «Trojan Source»).
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; the shipped content needs 9."""


def forbidden_character_message(character: str) -> str:
    return f"недопустимый служебный символ U+{ord(character):04X}; удалите его из файла"


def check_characters(text: str, path: str, problems: Problems, *, first_line: int = 1) -> bool:
    """Report every line of ``text`` that holds a forbidden character; True when none does."""
    reported: set[int] = set()
    for match in FORBIDDEN_CHARACTERS.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        if line not in reported:
            reported.add(line)
            problems.add(path, line, None, forbidden_character_message(match.group()))
    return not reported


class _CheckedComposer(yaml.composer.Composer):
    """PyYAML's composer, refusing anchors, aliases and deep nesting before construction.

    It runs on the events of either parser (PyYAML's or libyaml's), so both refuse the same
    text with the same message, and nothing shared is ever expanded.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser mixed in
        if isinstance(event, yaml.AliasEvent):
            raise _AuthorError(
                None,
                None,
                f"значение начинается с «*{event.anchor}»: в YAML это ссылка на другую часть "
                "файла, а ссылки не поддерживаются; если это текст, возьмите его в кавычки, "
                "иначе напишите значение полностью",
                event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark
            )
        if getattr(event, "anchor", None) is not None:
            raise _AuthorError(
                None,
                None,
                f"значение начинается с «&{event.anchor}»: в YAML это метка для ссылок, а ссылки "
                "не поддерживаются; если это текст, возьмите его в кавычки, иначе удалите метку",
                event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            raise _AuthorError(
                None,
                None,
                f"вложенность глубже {MAX_DEPTH} уровней: таких данных на сайте не бывает; "
                "проверьте скобки и отступы",
                event.start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Construction(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Safe construction without timestamps and floats: «2021-10-04» and «2.1» stay text;
    mappings and lists remember their lines."""

    yaml_implicit_resolvers: ClassVar = {  # type: ignore[misc]
        first: [
            (tag, regexp) for tag, regexp in resolvers if not tag.endswith(("timestamp", "float"))
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    line_offset = 0

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> Any:
        """Escapes in quotes («\\u202e», «\\0») must not bring in what the text may not hold."""
        value = super().construct_scalar(node)
        found = FORBIDDEN_CHARACTERS.search(value) if isinstance(value, str) else None
        if found:
            raise _AuthorError(
                None,
                None,
                f"значение содержит недопустимый служебный символ U+{ord(found.group()):04X}, "
                "записанный через «\\»; удалите его",
                node.start_mark,
            )
        return value

    def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[YamlMap]:  # type: ignore[override]
        mapping = YamlMap()
        mapping.line = self._line(node)
        mapping.key_lines = {}
        yield mapping
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise _AuthorError(
                    None, None, "ключом не может быть список или словарь", key_node.start_mark
                )
            if key in mapping.key_lines:
                raise _AuthorError(
                    None,
                    None,
                    f"ключ «{key}» повторяется (первый раз — в строке {mapping.key_lines[key]}); "
                    "оставьте один из них",
                    key_node.start_mark,
                )
            mapping.key_lines[key] = self._line(key_node)
            mapping[key] = self.construct_object(value_node, deep=True)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[YamlList]:  # type: ignore[override]
        items = YamlList()
        items.line = self._line(node)
        items.item_lines = [self._line(child) for child in node.value]
        yield items
        items.extend(self.construct_object(child, deep=True) for child in node.value)


_Construction.add_constructor("tag:yaml.org,2002:map", _Construction.construct_yaml_map)  # type: ignore[type-var]
_Construction.add_constructor("tag:yaml.org,2002:seq", _Construction.construct_yaml_seq)  # type: ignore[type-var]


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _CheckedComposer,
    _Construction,
):
    """PyYAML's own parser: the reference, whose error messages are explained in Russian."""

    def __init__(self, stream: str, line_offset: int) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _CheckedComposer.__init__(self)
        _Construction.__init__(self)
        self.line_offset = line_offset


_FastLoader: type | None = None
if yaml.__with_libyaml__:

    class _FastLoader(_CheckedComposer, yaml.cyaml.CParser, _Construction):  # type: ignore[no-redef, name-defined]
        """libyaml's parser (C, several times faster) with the same composer and construction."""

        def __init__(self, stream: str, line_offset: int) -> None:
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
            _CheckedComposer.__init__(self)
            _Construction.__init__(self)
            self.line_offset = line_offset


# Text where the two parsers were seen to differ (tabs, control and special characters,
# «?» in flow values, a comment glued to a block scalar indicator): PyYAML decides alone.
_ONLY_PYYAML = re.compile(
    r"[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    r"|\?|[|>][-+0-9]*#"
)


def parse_yaml(text: str, path: str, problems: Problems, *, line_offset: int = 0) -> Any:
    """Parse one YAML document; on a syntax error add a Russian problem and return None.

    Thousands of entries are parsed on every build, so ordinary text goes through libyaml
    (C) when it is installed. Whatever it refuses, and text outside the subset where the
    two parsers were checked to agree, is parsed by PyYAML itself: what is accepted and
    what every message says stay PyYAML's.
    """
    if not check_characters(text, path, problems, first_line=1 + line_offset):
        return None
    split_line = _comma_inside_guillemets(text)
    if split_line is not None:
        problems.add(path, split_line + 1 + line_offset, None, _SPLIT_BY_COMMA + _GUILLEMETS)
        return None
    if _FastLoader is not None and not _ONLY_PYYAML.search(text):
        fast = _FastLoader(text, line_offset)
        try:
            return fast.get_single_data()
        except yaml.YAMLError:
            pass  # parsed again below for PyYAML's error, which the explanations know
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _Loader(text, line_offset)  # its reader refuses control characters at once
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        line, message = _explain_yaml_error(error, line_offset)
        problems.add(path, line, None, message)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1 + line_offset
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        problems.add(
            path, line, None, f"недопустимый служебный символ {character}; удалите его из файла"
        )
    except yaml.YAMLError as error:
        problems.add(path, None, None, f"ошибка в разметке YAML: {error}")
    finally:
        if loader is not None:
            loader.dispose()
    return None


def _explain_yaml_error(error: yaml.MarkedYAMLError, line_offset: int) -> tuple[int | None, str]:
    """Translate PyYAML's message into Russian advice and pick the line the author must fix.

    The advice names the habit behind the mistake where it can be recognised (Russian
    quotes, text after a closing quote, a quote closed many lines later) and points at the
    line where it starts; no English of the parser reaches the author.
    """

    def line_of(mark: yaml.Mark | None) -> int | None:
        return mark.line + 1 + line_offset if mark else None

    problem_line = line_of(error.problem_mark) or line_of(error.context_mark)
    problem = str(error.problem or "")
    context = str(error.context or "")
    if isinstance(error, _AuthorError):
        return problem_line, problem
    if "\\t" in problem:
        return problem_line, (
            "символ табуляции: в YAML отступы делаются только пробелами; замените табуляцию "
            "пробелами"
        )
    if "unknown escape character" in problem:
        return problem_line, (
            "обратная косая черта «\\» внутри двойных кавычек начинает служебный знак; "
            "напишите её дважды («\\\\») или возьмите значение в одинарные кавычки '…'"
        )
    if "quoted scalar" in context:
        return line_of(error.context_mark), (
            "не закрыта кавычка; поставьте в конце значения закрывающую кавычку того же вида"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "квадратная" if "sequence" in context else "фигурная"
        return line_of(error.context_mark), (
            f"не закрыта {bracket} скобка; проверьте, что у каждой открывающей скобки есть пара"
        )
    if "could not find expected ':'" in problem:
        return line_of(error.context_mark), (
            "строка без двоеточия: поле записывается как «название: значение»; если это "
            "продолжение значения из строки выше, возьмите всё значение в прямые кавычки "
            '"…" или сдвиньте эту строку пробелами правее названия поля'
        )
    if "expected a single document" in context:
        return problem_line, "лишняя строка «---»: в этом блоке полей она не нужна; удалите её"
    quoted = _quoted_value_before(error.problem_mark)
    if quoted is not None and ("expected <block end>" in problem or "expected key" in problem):
        opened, closed = quoted.start_mark, quoted.end_mark
        if opened.line != closed.line:
            return line_of(opened), (
                f"кавычка {quoted.style} открыта здесь, а закрывается только в строке "
                f"{line_of(closed)}; поставьте закрывающую кавычку в конце значения в этой "
                "строке"
            )
        rest = _line_text(error.problem_mark)[closed.column :].strip()
        inner = (
            "апостроф внутри одинарных кавычек пишется дважды: ''"
            if quoted.style == "'"
            else "замените кавычки внутри на ёлочки «…» или возьмите всё значение "
            "в одинарные кавычки '…'"
        )
        return line_of(opened), (
            f"после закрывающей кавычки идёт текст «{rest}»: кавычка в начале значения "
            f"открывает всё значение, а следующая такая же его закрывает; {inner}"
        )
    if "mapping values are not allowed" in problem:
        if "«" in _line_text(error.problem_mark):
            return problem_line, "двоеточие с пробелом внутри значения" + _GUILLEMETS
        return problem_line, (
            "двоеточие с пробелом внутри значения; возьмите значение в кавычки "
            "или проверьте отступы"
        )
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return problem_line, (
            "нарушены отступы: строка сдвинута не так, как соседние поля того же уровня"
        )
    if "found character" in problem and "cannot start any token" in problem:
        char = re.search(r"character '(.+?)'", problem)
        shown = char.group(1) if char else "?"
        return problem_line, (
            f"значение не может начинаться с символа «{shown}»; возьмите значение в кавычки"
        )
    return problem_line, "ошибка в разметке YAML; проверьте кавычки, двоеточия и отступы"


# Russian quotes are ordinary letters to YAML: the commonest misunderstanding, said once.
_GUILLEMETS = ', а кавычки-ёлочки «…» не считаются; возьмите всё значение в прямые кавычки "…"'
_SPLIT_BY_COMMA = "запятая внутри скобок {…} или […] делит значение на два"


def _line_text(mark: yaml.Mark | None) -> str:
    """The source line of a PyYAML mark (PyYAML keeps the whole text in its marks)."""
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return ""
    start = buffer.rfind("\n", 0, mark.pointer) + 1
    end = buffer.find("\n", mark.pointer)
    return buffer[start : end if end >= 0 else len(buffer)].rstrip("\0")


def _tokens_before(mark: yaml.Mark | None) -> list[yaml.Token]:
    """The tokens PyYAML's scanner read before ``mark`` (only on the path of an error)."""
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return []
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(buffer.rstrip("\0"), Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _quoted_value_before(mark: yaml.Mark | None) -> yaml.ScalarToken | None:
    """The quoted value that ends right before ``mark``: text the author meant to belong
    to it, or the quote that swallowed the lines up to here."""
    tokens = _tokens_before(mark)
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        return last
    return None


def _may_split_guillemets(text: str) -> bool:
    """Whether a «, then a comma, come after the first bracket «[», «{», «]» or «}»: what
    such a split needs (the scan counts a flow collection open from its first bracket
    token, even a stray closing one), told without scanning the YAML."""
    flows = [at for at in map(text.find, "[{]}") if at >= 0]
    if not flows:
        return False
    guillemet = text.find("«", min(flows))
    return guillemet >= 0 and text.find(",", guillemet) >= 0


def _comma_inside_guillemets(text: str) -> int | None:
    """0-based line of a comma that splits «…» inside {…} or […]; YAML reads it as a
    separator, so «Семинар, 2021» silently becomes two values (or an unknown field)."""
    return _scanned_comma_inside_guillemets(text) if _may_split_guillemets(text) else None


def _scanned_comma_inside_guillemets(text: str) -> int | None:
    """``_comma_inside_guillemets`` by PyYAML's scanner (slow: pure Python)."""
    depth = 0
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
            elif (
                depth
                and isinstance(token, yaml.FlowEntryToken)
                and isinstance(previous, yaml.ScalarToken)
                and previous.plain
                and previous.value.count("«") > previous.value.count("»")
            ):
                before = previous.value[: previous.value.rindex("«")]
                return previous.start_mark.line + before.count("\n")
            previous = token
    except yaml.YAMLError:
        return None  # the parser reports it
    return None


def load_yaml_file(file: Path, shown_as: str, problems: Problems) -> Any:
    """Read and parse a YAML file; problems name it as ``shown_as`` (e.g. content/plan.yaml)."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(
            shown_as,
            None,
            None,
            "файл не найден; создайте его по инструкции на сайте (раздел «Авторам», docs/guide/)",
        )
        return None
    except UnicodeDecodeError:
        problems.add(shown_as, None, None, "файл не в кодировке UTF-8; сохраните его в UTF-8")
        return None
    scope = problems.scope()
    data = parse_yaml(text, shown_as, problems)
    if data is None and scope.clean:
        problems.add(shown_as, None, None, "файл пуст")
    return data


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^---[ \t]*$|^\.\.\.[ \t]*$)\r?\n?", re.S | re.M)


def split_front_matter(text: str, path: str, problems: Problems) -> tuple[Any, str, int]:
    """Split Markdown into (front matter data, body, line where the body starts)."""
    if not text.startswith("---"):
        problems.add(path, 1, None, "нет блока полей: файл должен начинаться со строки «---»")
        return None, text, 1
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.add(
            path, 1, None, "блок полей не закрыт: после полей нужна строка «---» сама по себе"
        )
        return None, text, 1
    data = parse_yaml(match.group(1), path, problems, line_offset=1)
    body_line = text.count("\n", 0, match.end()) + 1
    body = text[match.end() :]
    check_characters(body, path, problems, first_line=body_line)
    return data, body, body_line
