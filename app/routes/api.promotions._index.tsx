import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { createOrPreview, promotionsList } from "../promotions/api.server";

// GET /api/promotions?after=&before=&limit= — the shop's promotions, newest first, a page at a time, with the total.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const search = new URL(request.url).searchParams;
  const limit = Number(search.get("limit") || 100);
  return json(await promotionsList(caller.shop, "en", { ...pageRequestFrom(search), limit }));
});

// POST /api/promotions — { name, percentage, mode?, tag?, productIds?, collectionIds?, followCollections?,
// startsAt?, endsAt?, preview? }: with preview: true, the variants and their new prices (nothing written); otherwise creates
// the promotion (201) and queues its start and end.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 1024 * KiB });
  const result = await createOrPreview(caller.shop, body);
  return json(result, { status: result.created ? 201 : 200 });
});
