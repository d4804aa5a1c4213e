// An Admin GraphQL document the app sends, named, with the cost we expect Shopify to charge so the
// client can pace itself before sending. Every `#graphql` document in app/ is validated against the
// pinned schema by tests/unit/shopify-schema.test.ts.
export interface AdminOperation<TData, TVariables> {
  readonly name: string;
  readonly document: string;
  /** Points Shopify will charge up front (requestedQueryCost); a function when it depends on input size. */
  readonly expectedCost: number | ((variables: TVariables) => number);
  /** @phantom carries the result type */
  readonly __data?: TData;
}

export function defineOperation<TData, TVariables = Record<string, never>>(operation: {
  name: string;
  document: string;
  expectedCost: number | ((variables: TVariables) => number);
}): AdminOperation<TData, TVariables> {
  const declared = /\b(query|mutation)\s+(\w+)/.exec(operation.document)?.[2];
  if (declared !== operation.name) {
    throw new Error(`operation ${operation.name}: the document declares ${declared ?? "no name"}`);
  }
  return operation;
}

export function expectedCostOf<TVariables>(
  operation: AdminOperation<unknown, TVariables>,
  variables: TVariables,
): number {
  return typeof operation.expectedCost === "function" ? operation.expectedCost(variables) : operation.expectedCost;
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}
