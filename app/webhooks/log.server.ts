// What the Logs screen shows of Shopify's deliveries: the shop's received webhooks (optionally one
// status) and the customer-data requests Shopify sent, each newest first and paged by keyset with its
// total (app/lib/keyset.server.ts), so a shop that received 100,000 webhooks opens Logs as fast as one
// that received ten. Why a delivery failed is said again in the admin's language.
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import { mapPage, pageSize, timeKeysetPage, type PageRequest } from "../lib/keyset.server";
import { PRIVACY_REQUESTS_PER_PAGE, WEBHOOKS_PER_PAGE, type WebhookStatusFilter } from "./log-lists";

interface DeliveryRow {
  id: string;
  topic: string;
  status: string;
  receivedAt: Date;
  error: string | null;
  errorWords: string | null;
}

interface PrivacyRequestRow {
  id: string;
  topic: string;
  receivedAt: Date;
  email: string | null;
  customerId: string | null;
}

/** The shop's received webhooks, newest first; `status` is a delivery status, or "all". */
export async function receivedWebhooks(
  shop: string,
  status: WebhookStatusFilter,
  request: PageRequest = {},
  locale: Locale = "en",
) {
  const where = { shop, ...(status !== "all" ? { status } : {}) };
  // A walk down the (shop[, status], receivedAt, webhookId) index from the cursor.
  const page = await timeKeysetPage<DeliveryRow>({
    column: "receivedAt",
    idColumn: "webhookId",
    order: "desc",
    request,
    limit: pageSize(request.limit, WEBHOOKS_PER_PAGE, 250),
    timeOf: (row) => row.receivedAt,
    rows: async ({ position, orderBy, take }) =>
      (
        await db.webhookDelivery.findMany({
          where: position ? { AND: [where, position] } : where,
          orderBy,
          take,
          select: { webhookId: true, topic: true, status: true, receivedAt: true, error: true, errorWords: true },
        })
      ).map(({ webhookId, ...row }) => ({ ...row, id: webhookId })),
    count: () => db.webhookDelivery.count({ where }),
  });
  return mapPage(page, (row) => ({
    id: row.id,
    topic: row.topic,
    status: row.status,
    receivedAt: row.receivedAt,
    ...deliveryError(row, locale),
  }));
}

/**
 * Why a delivery failed, in the reader's language when it was said with words (`errorInWords`); rows
 * stored before words were kept show their English, which a French screen quotes.
 */
export function deliveryError(row: { error: string | null; errorWords: string | null }, locale: Locale) {
  return {
    error: row.error === null ? null : storedText(row.error, row.errorWords, locale),
    errorInWords: row.errorWords !== null,
  };
}

/** The customer-data requests and erasures Shopify sent for the shop, newest first. */
export async function privacyRequests(shop: string, request: PageRequest = {}) {
  const where = { shop };
  return timeKeysetPage<PrivacyRequestRow>({
    column: "receivedAt",
    order: "desc",
    request,
    limit: pageSize(request.limit, PRIVACY_REQUESTS_PER_PAGE, 100),
    timeOf: (row) => row.receivedAt,
    rows: ({ position, orderBy, take }) =>
      db.complianceRequest.findMany({
        where: position ? { AND: [where, position] } : where,
        orderBy,
        take,
        select: { id: true, topic: true, receivedAt: true, email: true, customerId: true },
      }),
    count: () => db.complianceRequest.count({ where }),
  });
}
