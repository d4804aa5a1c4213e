// POST <appUrl>/retailcrm/inventories-upload — RetailCRM's inventoriesUpload callback for the warehouse
// module Passerelle registers (app/callbacks/retailcrm.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { inventoriesUploadCallback } from "../callbacks/retailcrm.server";
import { withErrorResponses } from "../lib/http-errors.server";

const answer = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  const { status, body } = await inventoriesUploadCallback(request);
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
});

export const action = answer;
export const loader = answer;
