"""Resource limits on GraphQL documents, and validation cached once per distinct document.

A document is measured before graphql-core's rules run: those rules cost ~0.1 ms per token
and some are quadratic, and the depth and alias counters that ship with strawberry expand
every fragment spread, so a 1 kB document whose fragments each spread the next one twice
takes seconds. Here each fragment is measured once (memoised), so checking the limits is
linear in the document's size whatever it spreads; a fragment cycle is reported as soon as
it is met.

The limits and the rules are fixed when the schema is built, so the validation of a
document is cached: a repeated query (with strawberry's parser cache, the same document
object) is neither parsed nor validated again.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document


@dataclass(frozen=True)
class QueryLimits:
    # Nesting of fields below the root: `{ a { b } }` has b at depth 1.
    max_depth: int
    # Aliases in the document as executed: a fragment spread twice counts twice.
    max_aliases: int
    # Lexical tokens, comments included (graphql-core stops parsing at the limit).
    max_tokens: int
    # Characters of the document: bounds what is hashed, lexed and cached before the
    # token count can stop it (a long comment or string literal is one token).
    max_length: int
    # Field selections as executed, every fragment expanded where it is spread.
    max_fields: int
    # Operations in one document: each is validated even though one runs.
    max_operations: int
    # Selections of one response key (`slug`, or `a: articles`) merged into one selection
    # set, fragments included: graphql-core compares each pair of them (to check that they
    # can be merged), so their cost grows with the square of this number.
    max_same_field: int


class _LimitExceeded(Exception):
    def __init__(self, error: GraphQLError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class _Shape:
    """What a selection set adds where it appears: its deepest field relative to its own
    fields (-1: no fields), its aliases and fields with every spread expanded, and how
    often each response key is selected at its own level."""

    depth: int
    aliases: int
    fields: int
    keys: dict[str, int]


_NO_FIELDS = _Shape(depth=-1, aliases=0, fields=0, keys={})


class _Measure:
    def __init__(self, document: DocumentNode, limits: QueryLimits) -> None:
        self.limits = limits
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.measured: dict[str, _Shape] = {}
        self.measuring: list[str] = []

    def selection_set(self, selection_set: SelectionSetNode | None) -> _Shape:
        if selection_set is None:
            return _NO_FIELDS
        depth, aliases, fields = -1, 0, 0
        keys: dict[str, int] = {}
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                depth = max(depth, 0)
                aliases += selection.alias is not None
                fields += 1
                key = (selection.alias or selection.name).value
                keys[key] = keys.get(key, 0) + 1
                below = self.selection_set(selection.selection_set)
                # Introspection's depth is bounded by graphql-core's own rule instead (and
                # introspection is off in production); its aliases and fields still count.
                if not selection.name.value.startswith("__"):
                    depth = max(depth, below.depth + 1)
                aliases += below.aliases
                fields += below.fields
            else:
                if isinstance(selection, InlineFragmentNode):
                    inner = self.selection_set(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    inner = self.fragment(selection.name.value, selection)
                else:  # pragma: no cover - graphql-core has no other selection kind
                    continue
                depth = max(depth, inner.depth)
                aliases += inner.aliases
                fields += inner.fields
                for key, count in inner.keys.items():
                    keys[key] = keys.get(key, 0) + count
            # Stop counting once over a limit: the numbers otherwise grow exponentially
            # with nested spreads, and the error only reports the limit.
            aliases = min(aliases, self.limits.max_aliases + 1)
            fields = min(fields, self.limits.max_fields + 1)
        for key, count in keys.items():
            if count > self.limits.max_same_field:
                raise _LimitExceeded(
                    GraphQLError(
                        f"'{key}' is selected {count} times in one selection set (fragments "
                        f"included); at most {self.limits.max_same_field} are allowed.",
                        [selection_set],
                    )
                )
        return _Shape(depth, aliases, fields, keys)

    def fragment(self, name: str, spread: FragmentSpreadNode | None) -> _Shape:
        known = self.measured.get(name)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        if fragment is None:
            return _NO_FIELDS  # graphql-core's KnownFragmentNamesRule reports it
        if name in self.measuring:
            cycle = [*self.measuring[self.measuring.index(name) :], name]
            raise _LimitExceeded(
                GraphQLError(
                    f"Fragment '{name}' spreads itself ({' -> '.join(cycle)}); "
                    "fragments must not form a cycle.",
                    [spread] if spread is not None else None,
                )
            )
        self.measuring.append(name)
        shape = self.selection_set(fragment.selection_set)
        self.measuring.pop()
        self.measured[name] = shape
        return shape


def limit_errors(document: DocumentNode, limits: QueryLimits) -> list[GraphQLError]:
    """Why the document breaks a limit (the first reason found), or nothing."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > limits.max_operations:
        return [
            GraphQLError(
                f"The document has {len(operations)} operations; at most "
                f"{limits.max_operations} are allowed in one document."
            )
        ]
    measure = _Measure(document, limits)
    aliases = fields = 0
    try:
        for operation in operations:
            shape = measure.selection_set(operation.selection_set)
            if shape.depth > limits.max_depth:
                name = operation.name.value if operation.name else "anonymous"
                return [
                    GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {limits.max_depth}.",
                        [operation],
                    )
                ]
            aliases += shape.aliases
            fields += shape.fields
        # Fragments no operation spreads are still validated (and then rejected as unused).
        for name in measure.fragments:
            measure.fragment(name, None)
    except _LimitExceeded as exceeded:
        return [exceeded.error]
    except RecursionError:
        return [GraphQLError("The document nests fragments too deeply.")]
    if aliases > limits.max_aliases:
        return [
            GraphQLError(
                f"The document has more than {limits.max_aliases} aliases (fragments counted "
                f"each time they are spread); at most {limits.max_aliases} are allowed."
            )
        ]
    if fields > limits.max_fields:
        return [
            GraphQLError(
                f"The document selects more than {limits.max_fields} fields (fragments "
                f"counted each time they are spread); at most {limits.max_fields} are allowed."
            )
        ]
    return []


class ValidatedDocuments:
    """One per schema: the limits, then graphql-core's and strawberry's rules, remembered
    per (document, rules). The rules come from the execution context; they are the same
    classes on every request (DisableIntrospection adds the same one each time), so the
    cache hits."""

    def __init__(self, limits: QueryLimits, *, maxsize: int) -> None:
        self.limits = limits
        self._errors = lru_cache(maxsize=maxsize)(self._validate)

    def errors(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        rules: Sequence[type[ASTValidationRule]],
    ) -> list[GraphQLError]:
        return list(self._errors(schema, document, tuple(rules)))

    def _validate(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        rules: tuple[type[ASTValidationRule], ...],
    ) -> tuple[GraphQLError, ...]:
        errors = limit_errors(document, self.limits)
        if not errors:
            errors = validate_document(schema, document, rules)
        return tuple(errors)

    def cache_clear(self) -> None:
        self._errors.cache_clear()


class DocumentLimits(SchemaExtension):
    """Per request, over the schema's ValidatedDocuments: refuses an overlong document
    before it is hashed or parsed, caps its tokens while it is parsed, and validates it
    (limits first) from the cache."""

    def __init__(self, documents: ValidatedDocuments) -> None:
        super().__init__()
        self.documents = documents

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        limits = self.documents.limits
        if context.query is not None and len(context.query) > limits.max_length:
            raise GraphQLError(
                f"The document is {len(context.query)} characters long; at most "
                f"{limits.max_length} are allowed."
            )
        context.parse_options["max_tokens"] = limits.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None  # parsing succeeded to get here
        context.pre_execution_errors = self.documents.errors(
            context.schema._schema, context.graphql_document, context.validation_rules
        )
        yield
