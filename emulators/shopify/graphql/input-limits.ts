// Shopify refuses input arrays longer than 250 items (reference/shopify.md) before running anything.
import {
  getArgumentValues,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

export const MAX_INPUT_ARRAY = 250;
// Arrays Shopify lets grow past the general limit: a product's variants and option values in
// productSet, where the resolver enforces 2,048 variants per product with a VARIANTS_OVER_LIMIT user error.
const LARGER_LIMITS: Record<string, number> = {
  "productSet.input.variants": Number.POSITIVE_INFINITY,
  "productSet.input.productOptions.*.values": Number.POSITIVE_INFINITY,
};

/** Shopify-shaped errors for every argument of `operation` holding an array over the limit. */
export function oversizedInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { message: string; extensions: { code: string }; path: string[] }[] {
  const errors: { message: string; extensions: { code: string }; path: string[] }[] = [];
  const typeInfo = new TypeInfo(schema);
  const inOperation = new Set(document.definitions.filter((d) => d !== operation && d.kind === "OperationDefinition"));
  visit(
    { ...document, definitions: document.definitions.filter((d) => !inOperation.has(d)) },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || !node.arguments?.length) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(field, node, variables);
        } catch {
          return;
        }
        for (const [name, value] of Object.entries(args)) findOversized(value, [node.name.value, name], errors);
      },
    }),
  );
  return errors;
}

function findOversized(
  value: unknown,
  path: string[],
  errors: { message: string; extensions: { code: string }; path: string[] }[],
) {
  if (Array.isArray(value)) {
    const limit = LARGER_LIMITS[path.map((p) => (/^\d+$/.test(p) ? "*" : p)).join(".")] ?? MAX_INPUT_ARRAY;
    if (value.length > limit) {
      errors.push({
        message: `The input array size of ${value.length} is greater than the maximum allowed of ${limit}.`,
        extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
        path,
      });
    }
    value.forEach((item, i) => findOversized(item, [...path, String(i)], errors));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) findOversized(item, [...path, key], errors);
  }
}
