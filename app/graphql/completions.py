"""Completed GraphQL objects, kept with the items built for a content version.

Why: graphql-core completes every selected field of every object on every request. A page
of 20 articles with their topics is ~200 fields and ~14k Python calls, about 4 ms here,
while REST assembles the same page from each summary's JSON, built once per content version
(articles/service.py, SummaryCache). The summaries GraphQL resolves a page from are those
same built objects, shared by every request of the version. When a selection on one reads
nothing but that object (attribute fields, global ids and `__typename`, nested objects of
the same kind; no arguments, no directives, no resolver that reads the request), completing
it gives the same dict every time: the first completion is kept with the built item and the
next requests reuse it.

Soundness rests on three rules, each checked here or by the finder a type registers:
- a kept completion is only used for the very object it was made from: the finder answers
  the built item only if the source is its model (an article) or holds its model and nothing
  else a selection may read (an edge, whose `cursor` does not qualify);
- a selection is recognised by the identity of its field nodes, held here so that no other
  document's nodes can take their ids, and never by its shape (a fragment spread with the
  same name means something else in another document);
- a selection qualifies only if every field under it is an attribute read of its parent
  (strawberry's default resolver) or a resolver marked `reads_only_parent`.
"""

from collections.abc import Callable, Sequence
from itertools import count
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    SelectionNode,
    get_named_type,
    is_leaf_type,
    is_object_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

from app.core.caching import BuiltItem

READS_ONLY_PARENT = "_reads_only_parent"
# Distinct selections kept per built item: a client app sends a handful of documents.
MAX_COMPLETIONS_PER_ITEM = 4
# Selections recognised at once (per process); past this the table starts again.
MAX_SELECTIONS = 512

ResolverT = Callable[..., Any]


def reads_only_parent(resolver: ResolverT) -> ResolverT:
    """Mark a resolver whose value is a function of its parent object alone (no arguments,
    no context, no database), so completions of selections using it may be kept."""
    setattr(resolver, READS_ONLY_PARENT, True)
    return resolver


# GraphQL type name -> how to find the built item a source object is the model of.
BuiltItemOf = Callable[[Any, Any], BuiltItem[Any] | None]
_built_item_finders: dict[str, BuiltItemOf] = {}


def keep_completions_of(type_name: str, built_item_of: BuiltItemOf) -> None:
    """Declare where the objects of a GraphQL type come from: `built_item_of(context,
    source)` answers the built item whose model determines `source`, checked by identity,
    or None."""
    _built_item_finders[type_name] = built_item_of


class _Selections:
    """Serial numbers for selections that qualify, by the identity of their field nodes."""

    def __init__(self) -> None:
        # (type name, node ids) -> (the nodes, kept alive; the serial, or None).
        self._known: dict[tuple[str, tuple[int, ...]], tuple[tuple[FieldNode, ...], int | None]]
        self._known = {}
        self._serials = count()

    def serial(
        self,
        parent_type: GraphQLObjectType,
        nodes: tuple[FieldNode, ...],
        fragments: dict[str, FragmentDefinitionNode],
    ) -> int | None:
        key = (parent_type.name, tuple(map(id, nodes)))
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= MAX_SELECTIONS:
                self._known.clear()
            qualifies = all(
                node.selection_set is not None
                and _reads_only_parent(parent_type, node.selection_set.selections, fragments)
                for node in nodes
            )
            known = self._known[key] = (nodes, next(self._serials) if qualifies else None)
        return known[1]


def _reads_only_parent(
    parent_type: GraphQLObjectType,
    selections: Sequence[SelectionNode],
    fragments: dict[str, FragmentDefinitionNode],
) -> bool:
    for selection in selections:
        if selection.directives:
            return False  # @include/@skip may read variables; @defer delivers apart
        if isinstance(selection, FieldNode):
            if selection.arguments:
                return False
            if selection.name.value == "__typename":
                continue
            field = parent_type.fields.get(selection.name.value)
            if field is None or not _field_reads_only_parent(field):
                return False
            named = get_named_type(field.type)
            if is_leaf_type(named):
                continue
            if not is_object_type(named) or selection.selection_set is None:
                return False  # interfaces and unions: the runtime type is the resolver's
            if not _reads_only_parent(named, selection.selection_set.selections, fragments):
                return False
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            if condition is not None and condition.name.value != parent_type.name:
                return False
            if not _reads_only_parent(parent_type, selection.selection_set.selections, fragments):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            if getattr(selection, "arguments", None):
                return False  # fragment arguments (experimental) may read variables
            fragment = fragments.get(selection.name.value)
            if fragment is None or fragment.type_condition.name.value != parent_type.name:
                return False
            if not _reads_only_parent(parent_type, fragment.selection_set.selections, fragments):
                return False
        else:
            return False
    return True


def _field_reads_only_parent(field: GraphQLField) -> bool:
    if getattr(field.resolve, "_is_default", False):
        return True  # strawberry's attribute read: no resolver, extensions or permissions
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolver = getattr(definition, "base_resolver", None)
    if resolver is None or getattr(definition, "extensions", None):
        return False
    return bool(getattr(resolver.wrapped_func, READS_ONLY_PARENT, False))


_selections = _Selections()


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, reusing completions kept with built items, and leaving no
    reference cycle behind."""

    def build_response(self, data: dict[str, Any] | None) -> Any:
        response = super().build_response(data)
        if isinstance(response, ExecutionResult):
            # Execution is over (nothing deferred). The async helpers are bound methods of
            # this executor, which refers to the request's context, session and loaders: that
            # one cycle left ~290 objects per request for the collector, and with 32 requests
            # in flight they reached its oldest generation, whose full passes (~100 ms each)
            # cost ~1 ms per request and set the p99.
            del self.async_helpers
        return response

    def complete_list_value(
        self,
        return_type: GraphQLList[Any],
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        kept = self._kept_list(return_type, field_details_list, result)
        if kept is not None:
            return kept
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _kept_list(
        self, return_type: GraphQLList[Any], field_details_list: Any, items: Any
    ) -> list[Any] | None:
        """The list's completions in one pass when every item's was kept (a page of edges:
        the selection is checked once, not once per item); else None, and graphql-core
        completes the list item by item."""
        item_type = return_type.of_type
        if isinstance(item_type, GraphQLNonNull):
            item_type = item_type.of_type
        if not isinstance(item_type, GraphQLObjectType) or not isinstance(items, list):
            return None
        if any(details.node.directives for details in field_details_list):
            return None  # @stream delivers items apart
        selection = self._kept_selection(item_type, field_details_list)
        if selection is None:
            return None
        built_item_of, serial = selection
        completed = []
        for item in items:
            built = built_item_of(self.context_value, item) if item is not None else None
            kept = built.completions.get(serial) if built is not None else None
            if kept is None:
                return None
            completed.append(kept)
        return completed

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        selection = self._kept_selection(return_type, field_details_list)
        built = selection[0](self.context_value, result) if selection is not None else None
        if selection is None or built is None:
            return super().complete_object_value(
                return_type, field_details_list, info, path, result, position_context
            )
        completions, serial = built.completions, selection[1]
        completed = completions.get(serial)
        if completed is not None:
            return completed
        errors_before = len(self.collected_errors.errors)
        completed = super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )
        if (
            isinstance(completed, dict)
            and len(self.collected_errors.errors) == errors_before
            and len(completions) < MAX_COMPLETIONS_PER_ITEM
        ):
            completions[serial] = completed
        return completed

    def _kept_selection(
        self, return_type: GraphQLObjectType, field_details_list: Any
    ) -> tuple[BuiltItemOf, int] | None:
        """How to find the built item of an object of this type, and the serial of this
        selection on it, when completions of it may be kept."""
        built_item_of = _built_item_finders.get(return_type.name)
        middleware = self.middleware_manager
        if built_item_of is None or (middleware is not None and middleware.middlewares):
            return None  # field middleware would see every field resolved
        if any(
            details.defer_usage is not None or details.fragment_variable_values is not None
            for details in field_details_list
        ):
            return None
        nodes = tuple(details.node for details in field_details_list)
        serial = _selections.serial(return_type, nodes, self.fragment_definitions)
        if serial is None:
            return None
        return built_item_of, serial
