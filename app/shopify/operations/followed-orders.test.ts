// The followed-orders documents against the pinned Admin schema: the paged query and the count are
// found by the app-wide check; the bulk query is checked here as sent, with its search and key written in.
import { parse, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { validateDocument } from "../../../emulators/shopify/schema";
import {
  FOLLOWED_ORDERS_BULK_QUERY,
  FOLLOWED_ORDERS_COUNT,
  FOLLOWED_ORDERS_PAGE,
  followedOrdersBulkQuery,
} from "./followed-orders";

const stringArguments = (document: string) => {
  const values: Record<string, string> = {};
  visit(parse(document), {
    Argument(node) {
      if (node.value.kind === "StringValue") values[node.name.value] = node.value.value;
    },
  });
  return values;
};

describe("followed orders documents", () => {
  it("are valid against the pinned Admin schema", () => {
    expect(validateDocument(FOLLOWED_ORDERS_PAGE.document)).toEqual([]);
    expect(validateDocument(FOLLOWED_ORDERS_COUNT.document)).toEqual([]);
    expect(validateDocument(FOLLOWED_ORDERS_BULK_QUERY)).toEqual([]);
  });

  it("writes the search and the status key into the bulk query as GraphQL strings, quotes and backslashes kept", () => {
    const search = `status:open AND created_at:>='2026-11-01T00:00:00Z' AND name:"#10\\01"`;
    const document = followedOrdersBulkQuery(search, "fastmag_status");
    expect(validateDocument(document)).toEqual([]);
    expect(stringArguments(document)).toEqual({ query: search, namespace: "passerelle", key: "fastmag_status" });
  });
});
