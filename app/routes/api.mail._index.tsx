import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { mailLog } from "../mail/screen.server";

// GET /api/mail?about=gift-card:CADEAU-0001&limit=100 — the mails sent or failed, newest first.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get("limit") ?? "100");
  return json({
    mails: await mailLog(caller.shop, {
      about: url.searchParams.get("about") ?? undefined,
      limit: Number.isFinite(limit) ? limit : 100,
    }),
  });
});
