import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { setTuyoCargoOverride, tuyoListingsScreen } from "../settings/tuyo.server";

// GET /api/tuyo/listings — products chosen for Tuyo: state (listed, refused, unlisted, pending), the
// reason when refused, the cargo type override. Publishing itself is a job:
// POST /api/sync/listings.publish { params: { collectionId | tag | productIds } }.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await tuyoListingsScreen(caller.shop));
});

// PUT { productId, cargoType: "Motocicleta" | "Liviano" | "Pesado" | null } — overrides the cargo type.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  return json(await setTuyoCargoOverride(caller.shop, await readJsonObjectBody(request, { maxBytes: 2 * KiB })));
});
