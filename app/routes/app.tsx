import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Outlet,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisFrench from "@shopify/polaris/locales/fr.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { env } from "../env.server";
import { authenticate } from "../shopify.server";
import { failureDetails, NotFoundPage, SomethingWentWrongPage } from "../components/ErrorPages";
import { localeOfRequest, toLocale, type Locale } from "../i18n/locale";
import { LocaleProvider, useWords } from "../i18n/words";
import { APP_SECTIONS, SECTION_WORDS } from "../navigation";

const POLARIS_TRANSLATIONS = { en: polarisEnglish, fr: polarisFrench } as const;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

/** Every page has a title (screen readers announce it, the browser's history lists it): the app's
 *  section the page belongs to, in the admin's language, then the app's name. */
export const meta: MetaFunction<typeof loader> = ({ location, data }) => {
  const labels = SECTION_WORDS[toLocale(data?.locale) ?? "en"];
  const section = [...APP_SECTIONS]
    .filter((s) => location.pathname === s.path || location.pathname.startsWith(`${s.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return [{ title: section && section.path !== "/app" ? `${labels[section.key]} · Passerelle` : "Passerelle" }];
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  const config = env();
  const { locale, setCookie } = localeOfRequest(request);
  return data(
    { apiKey: config.SHOPIFY_API_KEY, appBridgeScriptUrl: config.APP_BRIDGE_SCRIPT_URL, locale },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
};

export default function EmbeddedApp() {
  const { apiKey, appBridgeScriptUrl, locale } = useLoaderData<typeof loader>();
  return (
    <AppFrame apiKey={apiKey} appBridgeScriptUrl={appBridgeScriptUrl} locale={locale}>
      <Outlet />
    </AppFrame>
  );
}

/** App Bridge, Polaris and the app's navigation around a screen (or an error page). */
function AppFrame({
  apiKey,
  appBridgeScriptUrl,
  locale = "en",
  children,
}: {
  apiKey?: string;
  appBridgeScriptUrl?: string;
  locale?: Locale;
  children: React.ReactNode;
}) {
  return (
    <LocaleProvider locale={locale}>
      {/* App Bridge must load before the app's own scripts (Shopify's requirement). */}
      {apiKey && appBridgeScriptUrl ? <script src={appBridgeScriptUrl} data-api-key={apiKey} /> : null}
      <PolarisAppProvider i18n={POLARIS_TRANSLATIONS[locale]} linkComponent={PolarisLink}>
        {apiKey ? <AppNavigation /> : null}
        {children}
      </PolarisAppProvider>
    </LocaleProvider>
  );
}

function AppNavigation() {
  const labels = useWords(SECTION_WORDS);
  return (
    <NavMenu>
      {APP_SECTIONS.map((section) => (
        <Link key={section.path} to={section.path} rel={section.path === "/app" ? "home" : undefined}>
          {labels[section.key]}
        </Link>
      ))}
    </NavMenu>
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

// Shopify's own answers (the session-token bounce, re-authentication) go through its boundary; a
// missing page or a failure is shown inside the app frame, with its navigation, in plain words.
export function ErrorBoundary() {
  const error = useRouteError();
  const frame = useRouteLoaderData<typeof loader>("routes/app");
  const { pathname } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isRouteErrorResponse(error) && (status < 400 || status === 401 || status === 403)) return boundary.error(error);
  return (
    <AppFrame apiKey={frame?.apiKey} appBridgeScriptUrl={frame?.appBridgeScriptUrl} locale={frame?.locale}>
      {status === 404 ? <NotFoundPage /> : <SomethingWentWrongPage details={failureDetails(error, pathname)} />}
    </AppFrame>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
