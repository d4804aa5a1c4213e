import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import {
  decideUnmatched,
  unmatchedParams,
  unmatchedScreen,
  type UnmatchedDecision,
} from "../sync/unmatched/screen.server";

// GET /api/unmatched?view=source|shopify|ignored|linked&q=&limit=&after=&before= — SKUs the last full stock run
// found on one side only (or decided), by SKU, with the total of the view, the totals of every view and
// the cursors of the next and previous pages.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const { view, items, total, totals, next, previous, sourceName, lastSeenAt } = await unmatchedScreen(
    caller.shop,
    unmatchedParams(new URL(request.url).searchParams),
  );
  return json({ view, items, total, totals, next, previous, sourceName, lastSeenAt });
});

// POST /api/unmatched — { action: "ignore", side, sku } | { action: "link", sku, shopifySku } |
// { action: "undo", side, sku }: the decision every stock and price sync honours from its next run.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 16 * KiB });
  const decision = { ...body, intent: body.action } as unknown as UnmatchedDecision;
  return json(await decideUnmatched(caller.shop, decision));
});
