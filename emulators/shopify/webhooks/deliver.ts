// Webhook deliveries as Shopify makes them: JSON POSTed to each subscription for the topic with the
// real headers (HMAC of the raw body with the app secret), a 5 s timeout, any non-2xx or timeout
// counted as a failure and retried on a schedule, duplicates on request. Every attempt is recorded.
import { createHmac, randomUUID } from "node:crypto";
import type { AppConfig } from "../app-config";
import type { EmulatorStore } from "../store";
import { topicEnum, type TomlSubscription } from "./toml";

/** Shopify retries 8 times over about 4 hours. Tests pass short delays. */
export const SHOPIFY_RETRY_DELAYS_MS = [60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_840_000, 6_840_000];
export const DELIVERY_TIMEOUT_MS = 5_000;

export class NoSubscriptionError extends Error {}

export interface WebhookDelivery {
  shop: string;
  /** Topic in header form, e.g. "app/uninstalled", "customers/redact", "products/update". */
  topic: string;
  payload: unknown;
  /** Extra deliveries of the same webhook (same X-Shopify-Webhook-Id), as Shopify sometimes sends. */
  duplicates?: number;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  /** Deliver to this URI (absolute, or a path of the app) instead of the subscriptions for the topic. */
  uri?: string;
}

export interface DeliveryAttempt {
  url: string;
  topic: string;
  webhookId: string;
  /** 1 for the first delivery of a copy, 2+ for retries. */
  attempt: number;
  /** 0 for the original copy, 1..n for duplicates. */
  copy: number;
  status: number | null;
  ok: boolean;
  error?: string;
  at: number;
  durationMs: number;
}

export class WebhookDispatcher {
  private readonly log: DeliveryAttempt[] = [];
  private readonly aborter = new AbortController();

  constructor(
    private readonly deps: {
      store: EmulatorStore;
      app: AppConfig;
      tomlSubscriptions: TomlSubscription[];
      apiVersion: string;
      retryDelaysMs: number[];
      now: () => number;
    },
  ) {}

  /** Targets for a topic: the toml's app-wide subscriptions plus the shop's API-created ones. */
  targets(shopDomain: string, topic: string): string[] {
    const shop = this.deps.store.shop(shopDomain);
    const fromToml = this.deps.tomlSubscriptions.filter((s) => s.topic === topic).map((s) => this.resolve(s.uri));
    const fromApi = [...shop.webhookSubscriptions.values()]
      .filter((s) => s.topic === topicEnum(topic))
      .map((s) => this.resolve(s.uri));
    return [...new Set([...fromToml, ...fromApi])];
  }

  async deliver(delivery: WebhookDelivery): Promise<DeliveryAttempt[]> {
    const shop = this.deps.store.shop(delivery.shop);
    const urls = delivery.uri ? [this.resolve(delivery.uri)] : this.targets(shop.domain, delivery.topic);
    if (urls.length === 0)
      throw new NoSubscriptionError(
        `emulator: no webhook subscription for ${delivery.topic} (declare it in shopify.app.toml or pass uri)`,
      );
    const body = JSON.stringify(delivery.payload);
    const webhookId = delivery.webhookId ?? randomUUID();
    const headers = {
      "content-type": "application/json",
      "user-agent": "Shopify-Captain-Hook",
      "x-shopify-topic": delivery.topic,
      "x-shopify-hmac-sha256": createHmac("sha256", this.deps.app.apiSecret).update(body, "utf8").digest("base64"),
      "x-shopify-shop-domain": shop.domain,
      "x-shopify-api-version": this.deps.apiVersion,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-event-id": delivery.eventId ?? randomUUID(),
      "x-shopify-triggered-at": delivery.triggeredAt ?? new Date(this.deps.now()).toISOString(),
    };
    const attempts: DeliveryAttempt[] = [];
    for (const url of urls) {
      for (let copy = 0; copy <= (delivery.duplicates ?? 0); copy++) {
        attempts.push(...(await this.deliverWithRetries(url, delivery.topic, webhookId, copy, headers, body)));
      }
    }
    return attempts;
  }

  /** Every attempt made so far, oldest first. */
  attempts(): DeliveryAttempt[] {
    return [...this.log];
  }

  forgetAttempts(): void {
    this.log.length = 0;
  }

  close(): void {
    this.aborter.abort();
  }

  private async deliverWithRetries(
    url: string,
    topic: string,
    webhookId: string,
    copy: number,
    headers: Record<string, string>,
    body: string,
  ) {
    const attempts: DeliveryAttempt[] = [];
    for (let attempt = 1; attempt <= this.deps.retryDelaysMs.length + 1; attempt++) {
      if (attempt > 1 && !(await this.sleep(this.deps.retryDelaysMs[attempt - 2]))) break;
      const started = Date.now();
      const record: DeliveryAttempt = {
        url,
        topic,
        webhookId,
        attempt,
        copy,
        status: null,
        ok: false,
        at: this.deps.now(),
        durationMs: 0,
      };
      try {
        const response = await fetch(url, {
          method: "POST",
          headers,
          body,
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          redirect: "manual",
        });
        await response.body?.cancel();
        record.status = response.status;
        record.ok = response.status >= 200 && response.status < 300;
        if (!record.ok) record.error = `HTTP ${response.status}`;
      } catch (error) {
        record.error =
          (error as Error).name === "TimeoutError"
            ? `no answer within ${DELIVERY_TIMEOUT_MS} ms`
            : (error as Error).message;
      }
      record.durationMs = Date.now() - started;
      attempts.push(record);
      this.log.push(record);
      if (record.ok) break;
    }
    return attempts;
  }

  private sleep(ms: number): Promise<boolean> {
    if (this.aborter.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(true), ms);
      this.aborter.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }

  private resolve(uri: string): string {
    return new URL(
      uri,
      this.deps.app.appUrl.endsWith("/") ? this.deps.app.appUrl : `${this.deps.app.appUrl}/`,
    ).toString();
  }
}
