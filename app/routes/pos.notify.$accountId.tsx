// POST <appUrl>/pos/notify/<account id> — a POS account's "counts moved" notification (app/pos/notifications.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed, readCappedBody } from "../lib/request-body.server";
import { receivePosNotification } from "../pos/notifications.server";

export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const body = new TextDecoder().decode(await readCappedBody(request, 1024 * 1024));
  const answer = await receivePosNotification(params.accountId ?? "", body, (name) => request.headers.get(name));
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
});

export const loader = () => methodNotAllowed("POST");
