import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NotFoundPage } from "../components/ErrorPages";
import { authenticate } from "../shopify.server";

// Any address under /app that no screen answers: "Page not found" inside the app frame (the app's
// navigation stays), answered with a 404.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({ notFound: true }, { status: 404 });
};

export const meta: MetaFunction = () => [{ title: "Page not found" }];

export default function NotFound() {
  return <NotFoundPage />;
}
