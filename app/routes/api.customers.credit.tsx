import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { customerCredit, customerCreditOfShopifyCustomer } from "../customers/credit.server";
import { withErrorResponses } from "../lib/http-errors.server";

// GET /api/customers/credit?customerId=<Shopify id> or ?email=<e-mail> — the ERP customer, their wallet
// balance and open credit notes. Read by the admin block on Shopify admin's customer page (with its
// session token) and by API tokens. The block runs on another origin and sends a bearer token, never
// a cookie: any origin may read with a valid token.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Max-Age": "600",
};

const withCors = (response: Response) => {
  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
  return response;
};

const answer = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const params = new URL(request.url).searchParams;
  const customerId = params.get("customerId");
  const view =
    customerId !== null
      ? await customerCreditOfShopifyCustomer(caller.shop, customerId)
      : await customerCredit(caller.shop, params.get("email") ?? "");
  return json(view);
});

// Remix hands OPTIONS to the loader: the browser's preflight before the block's GET with an
// Authorization header, answered without a token (the GET itself is checked).
export const loader = async (args: LoaderFunctionArgs) =>
  withCors(args.request.method === "OPTIONS" ? new Response(null, { status: 204 }) : await answer(args));

export const action = async (_args: ActionFunctionArgs) =>
  withCors(json({ error: "Read this with GET." }, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
