// The work a chaos run pushes through the app, all over HTTP: orders created in the Shopify emulator
// (which delivers orders/create, retrying as Shopify does), GDPR data requests delivered by the
// emulator, and what a merchant does on the screens (Run now on Syncs, Retry on Orders).
import { randomUUID } from "node:crypto";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import type { ChaosStack } from "./stack";
import { USER_AGENT } from "./stack";

export interface SentOrder {
  gid: string;
  name: string;
  sku: string;
  webhookId: string;
  phase: number;
}

export interface SentWebhook {
  webhookId: string;
  dataRequestId: number;
  duplicates: number;
  phase: number;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(runners);
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export class Load {
  readonly orders: SentOrder[] = [];
  readonly webhooks: SentWebhook[] = [];
  readonly errors: string[] = [];
  private nextRequest = 1;
  private nextOrder = 1;

  constructor(
    private readonly stack: ChaosStack,
    /** SKUs with enough web stock for an order's transfer. */
    private readonly skus: string[],
  ) {}

  /** A burst of `count` orders (every 10th delivered twice, as Shopify sometimes does). */
  async orderBurst(count: number, phase: number): Promise<void> {
    const { shopifyUrl, locationId } = this.stack.emulators;
    await pool(
      Array.from({ length: count }, (_, i) => i),
      16,
      async () => {
        const n = this.nextOrder++;
        const sku = this.skus[(n * 7919) % this.skus.length]!;
        const webhookId = randomUUID();
        try {
          const { order } = await json<{ order: { id: string; name: string } }>(
            await fetch(`${shopifyUrl}/_emulator/shops/${this.stack.shop}/orders`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                location: locationId,
                fulfillmentRequest: true,
                email: `client.${n}@example.fr`,
                lineItems: [{ sku, title: sku, quantity: 1, price: 19.9 }],
                shippingPrice: 4.9,
                wait: false,
                webhookId,
                duplicates: n % 10 === 0 ? 1 : 0,
              }),
              signal: AbortSignal.timeout(30_000),
            }),
          );
          this.orders.push({ gid: order.id, name: order.name, sku, webhookId, phase });
        } catch (error) {
          this.errors.push(`order: ${(error as Error).message}`);
        }
      },
    );
  }

  /** `count` customers/data_request webhooks, delivered with Shopify's retries (every 10th twice). */
  async webhookBurst(count: number, phase: number): Promise<void> {
    const { shopifyUrl } = this.stack.emulators;
    await pool(
      Array.from({ length: count }, (_, i) => i),
      16,
      async () => {
        const dataRequestId = this.nextRequest++;
        const webhookId = randomUUID();
        const duplicates = dataRequestId % 10 === 0 ? 1 : 0;
        try {
          await json(
            await fetch(`${shopifyUrl}/_emulator/webhooks`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                shop: this.stack.shop,
                topic: "customers/data_request",
                webhookId,
                duplicates,
                wait: false,
                payload: {
                  shop_id: 1,
                  shop_domain: this.stack.shop,
                  orders_requested: [],
                  customer: { id: 900_000 + dataRequestId, email: `gdpr.${dataRequestId}@example.fr`, phone: null },
                  data_request: { id: dataRequestId },
                },
              }),
              signal: AbortSignal.timeout(30_000),
            }),
          );
          this.webhooks.push({ webhookId, dataRequestId, duplicates, phase });
        } catch (error) {
          this.errors.push(`webhook: ${(error as Error).message}`);
        }
      },
    );
  }

  /** A screen's action with a fresh session token, as the embedded app submits it. */
  async merchantAction(path: string, route: string, form: Record<string, string>): Promise<Record<string, unknown>> {
    const response = await fetch(routeDataUrl(this.stack.appUrl, path, route, "POST"), {
      method: "POST",
      headers: {
        authorization: `Bearer ${await this.stack.sessionToken()}`,
        "user-agent": USER_AGENT,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`${response.url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    return readRouteData<Record<string, unknown>>(response);
  }

  /** Syncs → Run now; the job id, or null when the app did not take it. */
  async runNow(type: string): Promise<string | null> {
    try {
      const answer = await this.merchantAction("/app/syncs", "routes/app.syncs._index", { intent: "run-now", type });
      return typeof answer.jobId === "string" ? answer.jobId : null;
    } catch (error) {
      this.errors.push(`run now ${type}: ${(error as Error).message}`);
      return null;
    }
  }

  /** Orders → Retry on one order; true when the app queued it. */
  async retryOrder(orderExportId: string): Promise<boolean> {
    try {
      const answer = await this.merchantAction("/app/orders", "routes/app.orders._index", {
        intent: "retry",
        id: orderExportId,
      });
      return answer.ok === true;
    } catch {
      return false;
    }
  }

  /** Moves every `every`th Shopify level by `delta` (sales and returns), so the next full sync has work. */
  async shiftShopifyStock(every: number, offset: number, delta: number): Promise<void> {
    const { shopifyUrl, locationId } = this.stack.emulators;
    await json(
      await fetch(`${shopifyUrl}/_emulator/shops/${this.stack.shop}/inventory/shift`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ location: locationId, every, offset, delta }),
        signal: AbortSignal.timeout(30_000),
      }),
    );
  }
}

export async function getJson<T>(url: string): Promise<T> {
  return json<T>(await fetch(url, { signal: AbortSignal.timeout(30_000) }));
}

export async function putJson<T>(url: string, body: unknown): Promise<T> {
  return json<T>(
    await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    }),
  );
}
