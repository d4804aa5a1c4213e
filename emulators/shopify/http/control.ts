// The control API under /_emulator/… for tests and the demo: shops, seeding, tokens, the bucket, the
// call log and webhook deliveries. Not part of Shopify; never called by the app.
import type { IncomingMessage, ServerResponse } from "node:http";
import { FaultRuleError, type FaultInjector, type FaultRule } from "../../_kit/index";
import type { CallLog } from "../calls";
import { CatalogInputError, createProduct, type ProductInput } from "../catalog";
import { applyShopSeed, SeedError, shopSnapshot, type SeedLocation, type SeedShop } from "../shops";
import type { AdminFaultConfig, AdminFaults } from "../faults";
import { UnknownShopError, type EmulatorStore } from "../store";
import { productPayload } from "../webhooks/feed-payloads";
import { NoSubscriptionError, type WebhookDelivery, type WebhookDispatcher } from "../webhooks/deliver";
import { availableBySku, InventoryControlError, shiftAvailable } from "./inventory-control";
import { readFields, sendJson } from "./io";

export interface ControlDeps {
  store: EmulatorStore;
  calls: CallLog;
  webhooks: WebhookDispatcher;
  mintSessionToken: (shop: string) => string;
  faults?: AdminFaults;
  rules?: FaultInjector;
  reset?(): void;
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  url: URL,
  deps: ControlDeps,
): Promise<void> {
  const method = req.method ?? "GET";
  const route = `${method} ${parts
    .map((p, i) => (parts[0] === "shops" && i === 1 ? ":shop" : parts[2] === "products" && i === 3 ? ":id" : p))
    .join("/")}`;
  try {
    switch (route) {
      case "GET shops":
        return sendJson(res, 200, { shops: [...deps.store.shops.values()].map(shopSnapshot) });
      case "POST shops": {
        const seed = (await body(req)) as unknown as SeedShop;
        return sendJson(res, 201, shopSnapshot(applyShopSeed(deps.store, seed)));
      }
      case "GET shops/:shop":
        return sendJson(res, 200, shopSnapshot(deps.store.shop(parts[1])));
      case "POST shops/:shop/locations": {
        const shop = deps.store.shop(parts[1]);
        const location = deps.store.addLocation(shop, (await body(req)) as unknown as SeedLocation);
        return sendJson(res, 201, { id: `gid://shopify/Location/${location.id}`, name: location.name });
      }
      case "POST shops/:shop/products": {
        const shop = deps.store.shop(parts[1]);
        const input = await body(req);
        const products = (Array.isArray(input.products) ? input.products : [input]) as ProductInput[];
        const created = products.map((product) => createProduct(deps.store, shop, product));
        // Shopify sends products/create for each (seed 001's shape), when subscribed.
        if (deps.webhooks.targets(shop.domain, "products/create").length > 0)
          for (const product of created)
            await deps.webhooks.deliver({
              shop: shop.domain,
              topic: "products/create",
              payload: productPayload(shop, product),
            });
        return sendJson(res, 201, shopSnapshot(shop));
      }
      case "POST shops/:shop/access-token":
        return sendJson(res, 201, { access_token: deps.store.issueAccessToken(parts[1]) });
      case "GET shops/:shop/session-token":
        return sendJson(res, 200, { token: deps.mintSessionToken(deps.store.shop(parts[1]).domain) });
      case "GET shops/:shop/bucket":
        return sendJson(res, 200, deps.store.shop(parts[1]).bucket.status());
      case "PUT shops/:shop/bucket": {
        const shop = deps.store.shop(parts[1]);
        const { currentlyAvailable } = await body(req);
        if (typeof currentlyAvailable !== "number")
          return sendJson(res, 400, { error: "currentlyAvailable must be a number" });
        shop.bucket.setAvailable(currentlyAvailable);
        return sendJson(res, 200, shop.bucket.status());
      }
      case "GET shops/:shop/inventory":
        return sendJson(res, 200, {
          available: availableBySku(deps.store.shop(parts[1]), url.searchParams.get("location")),
        });
      case "POST shops/:shop/inventory/shift":
        return sendJson(res, 200, {
          changed: shiftAvailable(deps.store, deps.store.shop(parts[1]), await body(req)),
        });
      case "GET state":
        return sendJson(res, 200, { shops: [...deps.store.shops.values()].map(shopSnapshot) });
      case "POST reset":
        if (!deps.reset) return sendJson(res, 404, { error: "this emulator cannot reset" });
        deps.reset();
        return sendJson(res, 200, { reset: true });
      // The Admin API's storms (AdminFaultConfig) and the kit's rules share the route: a body with
      // `kind` or `faults: [...]` is kit rules, anything else the Admin config.
      case "GET faults":
        return sendJson(res, 200, { ...(deps.faults?.status() ?? {}), faults: deps.rules?.list() ?? [] });
      case "POST faults": {
        if (!deps.rules) return sendJson(res, 404, { error: "this emulator has no fault injection" });
        const rules = kitRules(await body(req));
        if (!rules) throw new FaultRuleError("send a fault rule, or { faults: [rules] }");
        deps.rules.add(rules);
        return sendJson(res, 201, { faults: deps.rules.list() });
      }
      case "PUT faults": {
        const input = await body(req);
        const rules = kitRules(input);
        if (rules && deps.rules) {
          deps.rules.replace(rules);
          return sendJson(res, 200, { faults: deps.rules.list() });
        }
        if (!deps.faults) return sendJson(res, 404, { error: "this emulator has no fault injection" });
        deps.faults.set(input as AdminFaultConfig);
        return sendJson(res, 200, deps.faults.status());
      }
      case "DELETE faults":
        deps.rules?.clear();
        deps.faults?.set({});
        return sendJson(res, 200, { faults: [] });
      case "GET calls":
        return sendJson(res, 200, { calls: deps.calls.list({ shop: url.searchParams.get("shop") ?? undefined }) });
      case "DELETE calls":
        deps.calls.clear();
        return sendJson(res, 200, { cleared: true });
      case "POST webhooks": {
        const delivery = (await body(req)) as unknown as WebhookDelivery & { wait?: boolean };
        if (!delivery.shop || !delivery.topic) return sendJson(res, 400, { error: "shop and topic are required" });
        const done = deps.webhooks.deliver(delivery);
        if (delivery.wait === false) {
          done.catch(() => undefined);
          return sendJson(res, 202, { accepted: true });
        }
        return sendJson(res, 200, { attempts: await done });
      }
      // The merchant creates or edits a product in the admin: Shopify sends products/create or
      // products/update with the product's REST body (seed 001's shape). Body { topic? } (update).
      case "POST shops/:shop/products/:id/changed": {
        const shop = deps.store.shop(parts[1]);
        const product = shop.products.get(Number(parts[3]));
        if (!product) return sendJson(res, 404, { error: `no product ${parts[3]}` });
        const { topic = "products/update", title } = (await body(req)) as { topic?: string; title?: string };
        if (topic !== "products/update" && topic !== "products/create")
          return sendJson(res, 400, { error: "topic is products/create or products/update" });
        if (typeof title === "string") product.title = title;
        product.updatedAt = new Date(Math.max(Date.now(), Date.parse(product.updatedAt) + 1000)).toISOString();
        return sendJson(res, 200, {
          attempts: await deps.webhooks.deliver({ shop: shop.domain, topic, payload: productPayload(shop, product) }),
        });
      }
      case "GET webhooks/attempts":
        return sendJson(res, 200, { attempts: deps.webhooks.attempts() });
      default:
        return sendJson(res, 404, { error: `no control route ${method} /_emulator/${parts.join("/")}` });
    }
  } catch (error) {
    if (error instanceof UnknownShopError) return sendJson(res, 404, { error: error.message });
    if (
      error instanceof SeedError ||
      error instanceof CatalogInputError ||
      error instanceof BadBodyError ||
      error instanceof InventoryControlError ||
      error instanceof FaultRuleError ||
      error instanceof NoSubscriptionError
    )
      return sendJson(res, 400, { error: error.message });
    throw error;
  }
}

class BadBodyError extends Error {}

/** Kit rules in a body (a rule, or { faults: [rules] }); undefined when the body is something else. */
function kitRules(input: Record<string, unknown>): FaultRule[] | undefined {
  if (Array.isArray(input.faults)) return input.faults as FaultRule[];
  if (typeof input.kind === "string") return [input as unknown as FaultRule];
  return undefined;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const fields = await readFields(req);
  if (!fields) throw new BadBodyError("the body must be a JSON object");
  return fields;
}
