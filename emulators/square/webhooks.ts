// Webhook subscriptions and deliveries: Square POSTs each event to every enabled subscription that lists
// its type, signed in x-square-hmacsha256-signature = base64(HMAC-SHA256(signature key,
// notification URL + raw body)). Deliveries are recorded (not retried) so tests can read them.
import { createHmac, randomUUID } from "node:crypto";
import type { EmulatorClock } from "../_kit/index";

export interface Subscription {
  id: string;
  name: string;
  enabled: boolean;
  eventTypes: string[];
  notificationUrl: string;
  apiVersion: string;
  signatureKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  at: string;
  subscriptionId: string;
  url: string;
  eventId: string;
  type: string;
  body: string;
  signature: string;
  status?: number;
  error?: string;
}

export function squareSignature(signatureKey: string, notificationUrl: string, body: string): string {
  return createHmac("sha256", signatureKey)
    .update(notificationUrl + body)
    .digest("base64");
}

export function subscriptionView(subscription: Subscription, withKey = false) {
  return {
    id: subscription.id,
    name: subscription.name,
    enabled: subscription.enabled,
    event_types: subscription.eventTypes,
    notification_url: subscription.notificationUrl,
    api_version: subscription.apiVersion,
    ...(withKey ? { signature_key: subscription.signatureKey } : {}),
    created_at: subscription.createdAt,
    updated_at: subscription.updatedAt,
  };
}

export class Webhooks {
  readonly subscriptions = new Map<string, Subscription>();
  readonly deliveries: Delivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly merchantId: () => string,
    private readonly timeoutMs: number,
  ) {}

  subscribe(input: {
    name?: string;
    notificationUrl: string;
    eventTypes?: string[];
    signatureKey?: string;
    enabled?: boolean;
    apiVersion?: string;
  }): Subscription {
    const at = this.clock.date().toISOString();
    const subscription: Subscription = {
      id: `wbhk_${randomUUID().replace(/-/g, "")}`,
      name: input.name ?? "Passerelle",
      enabled: input.enabled ?? true,
      eventTypes: input.eventTypes ?? ["inventory.count.updated"],
      notificationUrl: input.notificationUrl,
      apiVersion: input.apiVersion ?? "2025-01-23",
      signatureKey: input.signatureKey ?? randomUUID().replace(/-/g, ""),
      createdAt: at,
      updatedAt: at,
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  /** Sends one event to every enabled subscription for its type; returns without waiting. */
  emit(type: string, data: { type: string; id: string; object: Record<string, unknown> }): void {
    const event = {
      merchant_id: this.merchantId(),
      type,
      event_id: randomUUID(),
      created_at: this.clock.date().toISOString(),
      data,
    };
    const body = JSON.stringify(event);
    for (const subscription of this.subscriptions.values()) {
      if (!subscription.enabled || !subscription.eventTypes.includes(type)) continue;
      const delivery: Delivery = {
        at: event.created_at,
        subscriptionId: subscription.id,
        url: subscription.notificationUrl,
        eventId: event.event_id,
        type,
        body,
        signature: squareSignature(subscription.signatureKey, subscription.notificationUrl, body),
      };
      this.deliveries.push(delivery);
      const sending = this.send(delivery).finally(() => this.pending.delete(sending));
      this.pending.add(sending);
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-square-hmacsha256-signature": delivery.signature,
          "square-environment": "Sandbox",
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      delivery.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      delivery.error = (error as Error).message;
    }
  }

  /** Resolves once every delivery started so far has an answer (or failed). */
  async settled(): Promise<Delivery[]> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    return [...this.deliveries];
  }

  clear(): void {
    this.subscriptions.clear();
    this.deliveries.length = 0;
  }
}
