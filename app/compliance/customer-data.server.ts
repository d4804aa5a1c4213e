// GDPR: what we hold about a customer, and erasing it. Each place that stores customer data is a
// `CustomerDataHolder`; later domains (orders, gift cards…) register theirs with `registerCustomerDataHolder`.
import { db } from "../db.server";

export interface CustomerRef {
  id?: number | string | null;
  email?: string | null;
  phone?: string | null;
}

export interface CustomerDataQuery {
  shop: string;
  customer: CustomerRef;
  orderIds: string[];
}

export interface CustomerDataHolder {
  name: string;
  find(query: CustomerDataQuery): Promise<unknown[]>;
  /** Erases or anonymises what `find` returns; answers how many records it changed. */
  redact(query: CustomerDataQuery): Promise<number>;
}

const holders: CustomerDataHolder[] = [];

export function registerCustomerDataHolder(holder: CustomerDataHolder): void {
  if (!holders.some((h) => h.name === holder.name)) holders.push(holder);
}

export async function findCustomerData(query: CustomerDataQuery): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const holder of holders) found[holder.name] = await holder.find(query);
  return found;
}

export async function redactCustomerData(query: CustomerDataQuery): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const holder of holders) counts[holder.name] = await holder.redact(query);
  return counts;
}

/** True when a webhook payload is about this customer or one of the listed orders. */
export function payloadMentionsCustomer(payload: unknown, query: Omit<CustomerDataQuery, "shop">): boolean {
  const email = query.customer.email?.trim().toLowerCase();
  const customerId = query.customer.id != null ? String(query.customer.id) : undefined;
  const orderIds = new Set(query.orderIds.map(String));
  const visit = (value: unknown, key: string | undefined, depth: number): boolean => {
    if (value === null || typeof value !== "object") return false;
    if (Array.isArray(value)) return value.some((item) => visit(item, key, depth + 1));
    const record = value as Record<string, unknown>;
    if (email && typeof record.email === "string" && record.email.trim().toLowerCase() === email) return true;
    if (customerId && key === "customer" && record.id != null && String(record.id) === customerId) return true;
    if (orderIds.size && record.order_id != null && orderIds.has(String(record.order_id))) return true;
    // An order payload itself: its id at the root.
    if (orderIds.size && depth === 0 && record.id != null && "line_items" in record && orderIds.has(String(record.id)))
      return true;
    return Object.entries(record).some(([childKey, child]) => visit(child, childKey, depth + 1));
  };
  return visit(payload, undefined, 0);
}

const COMPLIANCE_TOPICS = new Set(["customers/data_request", "customers/redact", "shop/redact"]);
const REDACTED_PAYLOAD = JSON.stringify({ redacted: true });

// Webhook payloads we keep for audit and replay (orders/create carries names, addresses, emails).
registerCustomerDataHolder({
  name: "webhookDeliveries",
  async find(query) {
    // The privacy requests themselves are not data about the customer to hand over.
    const rows = (await matchingDeliveries(query)).filter((row) => !COMPLIANCE_TOPICS.has(row.topic));
    return rows.map((row) => ({
      webhookId: row.webhookId,
      topic: row.topic,
      receivedAt: row.receivedAt,
      payload: JSON.parse(row.payloadJson),
    }));
  },
  async redact(query) {
    const rows = await matchingDeliveries(query);
    if (rows.length === 0) return 0;
    const { count } = await db.webhookDelivery.updateMany({
      where: { webhookId: { in: rows.map((r) => r.webhookId) } },
      data: { payloadJson: REDACTED_PAYLOAD },
    });
    return count;
  },
});

async function matchingDeliveries(query: CustomerDataQuery) {
  const needles = [
    query.customer.email,
    query.customer.id != null ? String(query.customer.id) : null,
    ...query.orderIds,
  ]
    .filter((n): n is string => Boolean(n))
    .map((n) => ({ payloadJson: { contains: n } }));
  if (needles.length === 0) return [];
  // The text search narrows candidates; parsing decides, so an id that merely appears as a number elsewhere does not match.
  const candidates = await db.webhookDelivery.findMany({ where: { shop: query.shop, OR: needles } });
  return candidates.filter((row) => {
    try {
      return payloadMentionsCustomer(JSON.parse(row.payloadJson), query);
    } catch {
      return false;
    }
  });
}

// Exports we prepared for earlier data requests about the same customer.
registerCustomerDataHolder({
  name: "dataRequestExports",
  async find() {
    return []; // an export is a copy of the data above, not data of its own
  },
  async redact(query) {
    const or = [
      query.customer.email ? { email: query.customer.email } : null,
      query.customer.id != null ? { customerId: String(query.customer.id) } : null,
    ].filter((c): c is NonNullable<typeof c> => c !== null);
    if (or.length === 0) return 0;
    const { count } = await db.complianceRequest.updateMany({
      where: { shop: query.shop, topic: "customers/data_request", OR: or },
      data: { resultJson: JSON.stringify({ redacted: true }) },
    });
    return count;
  },
});
