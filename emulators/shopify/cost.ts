// Shopify's calculated query cost (reference/shopify.md, shopify.dev "GraphQL Admin API rate limits"):
// scalar and enum 0, object 1, connection 2 + first/last × the cost of one node, interface/union the
// most expensive possible selection, mutation 10 (productSet: 10 + 0.2/variant + 0.4/metafield).
// `requestedQueryCost` is computed from the document before running it; `actualQueryCost` walks the
// same document over the data really returned (a connection counts the nodes it returned, a null
// object costs nothing) — an honest approximation of Shopify's own accounting.
import {
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MAX_QUERY_COST = 1000;
export const MUTATION_COST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Present when costing returned data (actual cost); absent for the static requested cost. */
  measured: boolean;
}

export function operationOf(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

/** Points Shopify charges up front for this operation. `variables` must already be coerced. */
export function requestedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): number {
  return operationCost(schema, document, operationName, variables, undefined);
}

/** Points the operation really cost given the `data` it returned. */
export function actualQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  data: unknown,
): number {
  return operationCost(schema, document, operationName, variables, data ?? null);
}

function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  data: unknown,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const walk: Walk = { schema, fragments, variables, measured: data !== undefined };
  if (operation.operation === "mutation") {
    const root = schema.getMutationType()!;
    let cost = 0;
    for (const field of flatten(walk, operation.selectionSet)) {
      if (walk.measured && !hasKey(data, field)) continue;
      cost += mutationFieldCost(walk, root, field);
    }
    return Math.ceil(cost);
  }
  const root = operation.operation === "query" ? schema.getQueryType()! : schema.getSubscriptionType()!;
  return Math.ceil(selectionCost(walk, root, operation.selectionSet, data));
}

function mutationFieldCost(walk: Walk, root: GraphQLObjectType, node: FieldNode): number {
  const name = node.name.value;
  if (name !== "productSet" && name !== "productVariantsBulkUpdate") return MUTATION_COST;
  // Dynamic complexity since 2025-10 (reference/shopify.md).
  const args = argumentsOf(walk, root.getFields()[name], node);
  const variants = ((name === "productSet" ? (args.input as { variants?: unknown[] })?.variants : args.variants) ??
    []) as {
    metafields?: unknown[];
  }[];
  const productMetafields =
    name === "productSet" ? ((args.input as { metafields?: unknown[] })?.metafields?.length ?? 0) : 0;
  const variantMetafields = variants.reduce((sum, v) => sum + (v.metafields?.length ?? 0), 0);
  return MUTATION_COST + 0.2 * variants.length + 0.4 * (productMetafields + variantMetafields);
}

/** Cost of a selection set on `type`; fragments on other possible types are alternatives (max). */
function selectionCost(walk: Walk, type: GraphQLType, selectionSet: SelectionSetNode, data: unknown): number {
  const named = getNamedType(type);
  if (!isCompositeType(named)) return 0;
  const groups = new Map<string, FieldNode[]>();
  collect(walk, named.name, selectionSet, named.name, groups);
  let own = 0;
  let alternatives = 0;
  for (const [condition, fields] of groups) {
    const cost = fields.reduce((sum, field) => sum + fieldCost(walk, condition, field, data), 0);
    if (condition === named.name) own += cost;
    else alternatives = Math.max(alternatives, cost);
  }
  return own + alternatives;
}

function collect(
  walk: Walk,
  parent: string,
  set: SelectionSetNode,
  condition: string,
  groups: Map<string, FieldNode[]>,
) {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const list = groups.get(condition) ?? [];
      list.push(selection);
      groups.set(condition, list);
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const on = fragment.typeCondition?.name.value ?? condition;
      collect(walk, parent, fragment.selectionSet, on === parent ? condition : on, groups);
    }
  }
}

function fieldCost(walk: Walk, typeName: string, node: FieldNode, parentData: unknown): number {
  const name = node.name.value;
  if (name.startsWith("__")) return 0;
  const type = walk.schema.getType(typeName);
  const field =
    type && "getFields" in type
      ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name]
      : undefined;
  if (!field || isLeafType(getNamedType(field.type)) || !node.selectionSet) return 0;
  const key = node.alias?.value ?? name;
  const data = walk.measured ? (parentData as Record<string, unknown> | null)?.[key] : undefined;
  if (walk.measured && (data === null || data === undefined)) return 0;

  if (isConnection(field)) {
    const args = argumentsOf(walk, field, node);
    const nodeType = connectionNodeType(field.type);
    const items = walk.measured ? connectionItems(node, data) : undefined;
    const count = items ? items.length : Number(args.first ?? args.last ?? 0);
    let perNodes = 0;
    if (items) for (const item of items) perNodes += nodeSelectionCost(walk, nodeType, node.selectionSet, item);
    else perNodes = count * nodeSelectionCost(walk, nodeType, node.selectionSet, undefined);
    return 2 + perNodes;
  }
  if (isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) {
    if (walk.measured) {
      return (data as unknown[]).reduce<number>(
        (sum, item) => sum + (item == null ? 0 : 1 + selectionCost(walk, field.type, node.selectionSet!, item)),
        0,
      );
    }
    // `nodes(ids:)` asks for one object per id; other lists are costed as one object.
    const ids = name === "nodes" ? (argumentsOf(walk, field, node).ids as unknown[] | undefined)?.length : undefined;
    return (ids ?? 1) * (1 + selectionCost(walk, field.type, node.selectionSet, undefined));
  }
  return 1 + selectionCost(walk, field.type, node.selectionSet, data);
}

/** One node of a connection: 1 for the object plus its own selections, whether read via edges.node or nodes. */
function nodeSelectionCost(walk: Walk, nodeType: GraphQLType, connectionSet: SelectionSetNode, item: unknown): number {
  let cost = 0;
  for (const selection of flatten(walk, connectionSet)) {
    const name = selection.name.value;
    if (name === "nodes" && selection.selectionSet)
      cost += 1 + selectionCost(walk, nodeType, selection.selectionSet, item);
    if (name === "edges" && selection.selectionSet) {
      for (const inner of flatten(walk, selection.selectionSet)) {
        if (inner.name.value === "node" && inner.selectionSet)
          cost += 1 + selectionCost(walk, nodeType, inner.selectionSet, item);
      }
    }
  }
  return cost;
}

/** The returned nodes of a connection (from `nodes`, else from `edges[].node`), keyed for costing. */
function connectionItems(connectionNode: FieldNode, data: unknown): unknown[] {
  const record = data as Record<string, unknown>;
  for (const selection of connectionNode.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    if (selection.name.value === "nodes" && Array.isArray(record[key])) return record[key] as unknown[];
    if (selection.name.value === "edges" && Array.isArray(record[key])) {
      const nodeKey = selection.selectionSet?.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "node",
      );
      return (record[key] as Record<string, unknown>[]).map((edge) => edge?.[nodeKey?.alias?.value ?? "node"]);
    }
  }
  return [];
}

function flatten(walk: Walk, set: SelectionSetNode): FieldNode[] {
  const groups = new Map<string, FieldNode[]>();
  collect(walk, "", set, "", groups);
  return [...groups.values()].flat();
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return (
    getNamedType(field.type).name.endsWith("Connection") &&
    field.args.some((a) => a.name === "first" || a.name === "last")
  );
}

function connectionNodeType(type: GraphQLType): GraphQLType {
  const connection = getNamedType(type) as GraphQLObjectType;
  return connection.getFields().nodes?.type ?? connection.getFields().edges.type;
}

function argumentsOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    return {}; // invalid arguments are reported by execution, not by the cost calculator
  }
}

function hasKey(data: unknown, node: FieldNode): boolean {
  const value = (data as Record<string, unknown> | null)?.[node.alias?.value ?? node.name.value];
  return value !== undefined && value !== null;
}
