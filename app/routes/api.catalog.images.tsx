import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { saveShopImageSource, shopImageSource } from "../settings/sftp.server";

// GET /api/catalog/images — where the product photos come from: { imageSource, imageSources }. PUT —
// { "imageSource": "fastmag" } (the ERP's photo call), "sftp" (the SFTP folder) or null (the one set up);
// another id → 422. Same choice as Settings → SFTP photos. docs/api.md.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await shopImageSource(caller.shop));
});

export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  return json(await saveShopImageSource(caller.shop, await readJsonObjectBody(request, { maxBytes: 4 * KiB })));
});
