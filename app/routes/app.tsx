import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { env } from "../env.server";
import { authenticate } from "../shopify.server";
import { APP_SECTIONS } from "../navigation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  const config = env();
  return { apiKey: config.SHOPIFY_API_KEY, appBridgeScriptUrl: config.APP_BRIDGE_SCRIPT_URL };
};

export default function EmbeddedApp() {
  const { apiKey, appBridgeScriptUrl } = useLoaderData<typeof loader>();
  return (
    <>
      {/* App Bridge must load before the app's own scripts (Shopify's requirement). */}
      <script src={appBridgeScriptUrl} data-api-key={apiKey} />
      <PolarisAppProvider i18n={polarisTranslations} linkComponent={PolarisLink}>
        <NavMenu>
          {APP_SECTIONS.map((section) => (
            <Link key={section.path} to={section.path} rel={section.path === "/app" ? "home" : undefined}>
              {section.label}
            </Link>
          ))}
        </NavMenu>
        <Outlet />
      </PolarisAppProvider>
    </>
  );
}

function PolarisLink({
  url,
  children,
  external,
  ...rest
}: {
  url: string;
  children?: React.ReactNode;
  external?: boolean;
}) {
  if (external) {
    return (
      <a href={url} target="_blank" rel="noreferrer" {...rest}>
        {children}
      </a>
    );
  }
  return (
    <Link to={url} {...rest}>
      {children}
    </Link>
  );
}

// Shopify needs its own headers and error handling on embedded responses (bounce, re-auth).
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
