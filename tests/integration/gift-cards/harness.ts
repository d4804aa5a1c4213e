// Shared by the gift-card tests: the Shopify, Fastmag and SMTP emulators on port 0, a shop installed
// with Fastmag and mail settings pointing at them, and helpers that act as a till and as Shopify.
import { db } from "~/db.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { saveMailSettings } from "~/mail/settings.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { giftCardDeps } from "~/sync/gift-cards/providers.server";
import { startFastmagEmulator } from "../../../emulators/fastmag/index";
import { startShopifyEmulator } from "../../../emulators/shopify/index";
import { DEMO_SMTP_USER, startSmtpEmulator } from "../../../emulators/smtp/index";
import { installShop } from "../../support/admin-request";
import { shopifyClient } from "../../support/shopify-emulator-client";
import { uniqueShop } from "../../support/shops";
import { CREDENTIALS } from "../fastmag-harness";

export const FIND_CARD = `query Find($q: String!) {
  giftCards(first: 5, query: $q) {
    nodes { id balance { amount currencyCode } initialValue { amount } expiresOn customer { email } }
  }
}`;
const DEBIT = `mutation Debit($id: ID!, $debitInput: GiftCardDebitInput!) {
  giftCardDebit(id: $id, debitInput: $debitInput) { userErrors { message } }
}`;

export async function startGiftCardWorld(prefix: string) {
  const shop = uniqueShop(prefix);
  const shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, name: "Maison Démo", currencyCode: "EUR", locations: [{ name: "Entrepôt" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  const [fastmag, smtp] = await Promise.all([
    startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" }),
    startSmtpEmulator(),
  ]);
  await installShop(shop, { name: "Maison Démo", ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  const location = [...shopify.store.shop(shop).locations.values()][0]!;
  const saved = await saveFastmagSettings(shop, {
    host: fastmag.url,
    ...CREDENTIALS,
    stockA: "on",
    stockB: "on",
    safetyMargin: "0",
    locationId: `gid://shopify/Location/${location.id}`,
    seasons: "E24",
    timeZone: "Europe/Paris",
  });
  if (!saved.ok) throw new Error(`fastmag settings: ${JSON.stringify(saved.fieldErrors)}`);
  await saveMailSettings(shop, {
    host: smtp.host,
    port: smtp.port,
    tls: smtp.tls,
    user: DEMO_SMTP_USER.username,
    password: DEMO_SMTP_USER.password,
    from: '"Maison Démo" <boutique@maison-demo.test>',
    trustedCertificate: smtp.certificate,
  });
  const client = shopifyClient(shopify, shop);
  const till = async (path: string, body: unknown) => {
    const response = await fetch(new URL(`_emulator/${path}`, fastmag.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`fastmag control ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    shop,
    shopify,
    fastmag,
    smtp,
    client,
    deps: (now?: () => Date) => giftCardDeps(shop, { db, now }),
    /** A card sold at a till. */
    sell: (card: {
      id: string;
      initialAmount: number;
      customerEmail?: string;
      expiresOn?: string;
      activated?: boolean;
    }) => till("giftcards", card),
    /** Spent at a till (negative: topped up). */
    spendInStore: (id: string, spend: number) => till(`giftcards/${id}`, { spend }),
    async addCustomer(email: string, firstName: string) {
      const response = await client.control("customers", { email, firstName });
      return ((await response.json()) as { id: string }).id;
    },
    async shopifyCards(code: string) {
      return (await client.gql(FIND_CARD, { q: `code:${code}` })).data.giftCards.nodes as {
        id: string;
        balance: { amount: string; currencyCode: string };
        initialValue: { amount: string };
        expiresOn: string | null;
        customer: { email: string } | null;
      }[];
    },
    async spendOnline(id: string, amount: string) {
      const { data } = await client.gql(DEBIT, {
        id,
        debitInput: { debitAmount: { amount, currencyCode: "EUR" }, note: "online order" },
      });
      if (data.giftCardDebit.userErrors.length) throw new Error(JSON.stringify(data.giftCardDebit.userErrors));
    },
    close: () => Promise.all([shopify.close(), fastmag.close(), smtp.close()]),
  };
}

export type GiftCardWorld = Awaited<ReturnType<typeof startGiftCardWorld>>;
