// POST <appUrl>/proxy/job-application — the storefront's "Job application form" block, forwarded by
// Shopify's app proxy from https://<shop>/apps/passerelle/job-application (app/job-applications).
import type { ActionFunctionArgs } from "@remix-run/node";
import { submitJobApplication } from "../job-applications/applications.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

export const loader = () => methodNotAllowed("POST");

export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return submitJobApplication(request);
});
