// The emulators of the stock benchmark, in their own process so the benchmark's peak RSS is the app's
// alone. Driven over IPC by tests/bench/stock.bench.ts: build a shop of N variants, shape Shopify's levels
// and the ERP's stocks, read the call log.
import { startFastmagEmulator, type FastmagEmulator } from "../../emulators/fastmag/index";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { ShopRecord } from "../../emulators/shopify/store";

import { BENCH_CREDENTIALS, BENCH_SECRET } from "./stock-bench-config";

let shopify: ShopifyEmulator | undefined;
let fastmag: FastmagEmulator | undefined;
let shop: ShopRecord;
let locationId = 0;
let skus: string[] = [];

type Command =
  | { cmd: "setup"; variants: number; domain: string }
  | { cmd: "shopifyDiffersEverywhere" }
  | { cmd: "changeErp"; count: number; stamp: string; movements: boolean; delta: number }
  | { cmd: "fillBucket" }
  | { cmd: "resetPrices" }
  | { cmd: "calls" }
  | { cmd: "clearCalls" }
  | { cmd: "compare" };

const erpStock = () => {
  const rows = fastmag!.db.prepare("SELECT reference, color, size, stock_web FROM stocks").all() as {
    reference: string;
    color: string;
    size: string;
    stock_web: number;
  }[];
  return new Map(rows.map((r) => [`${r.reference}|${r.color}|${r.size}`, Math.max(0, r.stock_web)]));
};

async function handle(message: Command): Promise<unknown> {
  switch (message.cmd) {
    case "setup": {
      fastmag = await startFastmagEmulator({ credentials: BENCH_CREDENTIALS, seed: { variants: message.variants } });
      shopify = await startShopifyEmulator({
        app: { apiKey: "test-api-key", apiSecret: BENCH_SECRET, appUrl: "http://127.0.0.1:3999" },
        shops: [{ domain: message.domain, plan: "Standard", locations: [{ name: "Entrepôt" }] }],
      });
      shop = shopify.store.shop(message.domain);
      locationId = [...shop.locations.values()][0].id;
      const rows = fastmag.db
        .prepare("SELECT reference, color, size FROM stocks ORDER BY reference, color, size")
        .all() as { reference: string; color: string; size: string }[];
      skus = rows.map((r) => `${r.reference}|${r.color}|${r.size}`);
      const byReference = new Map<string, string[]>();
      for (const sku of skus) {
        const ref = sku.split("|")[0];
        const list = byReference.get(ref);
        if (list) list.push(sku);
        else byReference.set(ref, [sku]);
      }
      for (const [reference, list] of byReference) {
        createProduct(shopify.store, shop, {
          title: reference,
          handle: reference.toLowerCase(),
          options: [{ name: "Variante", values: list }],
          variants: list.map((sku) => ({
            sku,
            price: "10.00",
            options: { Variante: sku },
            inventory: { [locationId]: 0 },
          })),
        });
      }
      return {
        shopifyUrl: shopify.url,
        fastmagUrl: fastmag.url,
        token: shopify.issueAccessToken(message.domain),
        locationId: `gid://shopify/Location/${locationId}`,
        variants: skus.length,
        products: byReference.size,
      };
    }
    case "shopifyDiffersEverywhere": {
      const erp = erpStock();
      const skuOf = new Map([...shop.variants.values()].map((v) => [v.inventoryItemId, v.sku!]));
      for (const level of shop.inventoryLevels.values())
        level.quantities.available = (erp.get(skuOf.get(level.inventoryItemId)!) ?? 0) + 1;
      return { ok: true };
    }
    case "changeErp": {
      const update = fastmag!.db.prepare(
        "UPDATE stocks SET stock_web = stock_web + ?, last_modified = ? WHERE reference = ? AND color = ? AND size = ?",
      );
      const movement = fastmag!.db.prepare(
        "INSERT INTO stock_movements (reference, color, size, stock, quantity, reason, last_modified) VALUES (?, ?, ?, 'WEB', ?, 'bench', ?)",
      );
      // `count` SKUs spread evenly over the catalog.
      const every = skus.length / message.count;
      const chosen = new Set(Array.from({ length: message.count }, (_, n) => Math.floor(n * every)));
      let changed = 0;
      fastmag!.db.transaction(() => {
        skus.forEach((sku, i) => {
          if (!chosen.has(i)) return;
          const [reference, color, size] = sku.split("|");
          update.run(message.delta, message.stamp, reference, color, size);
          if (message.movements) movement.run(reference, color, size, message.delta, message.stamp);
          changed++;
        });
      })();
      return { changed };
    }
    case "resetPrices":
      for (const v of shop.variants.values()) Object.assign(v, { price: "10.00", compareAtPrice: null });
      return { ok: true };
    case "fillBucket":
      shop.bucket.setAvailable(shop.bucket.status().maximumAvailable);
      return shop.bucket.status();
    case "calls": {
      const calls = shopify!.callLog({ shop: shop.domain });
      const byOperation: Record<string, number> = {};
      for (const c of calls) byOperation[c.operationName ?? "?"] = (byOperation[c.operationName ?? "?"] ?? 0) + 1;
      return {
        calls: calls.length,
        points: calls.reduce((sum, c) => sum + (c.actualQueryCost ?? 0), 0),
        throttled: calls.filter((c) => c.throttled).length,
        byOperation,
      };
    }
    case "clearCalls":
      await fetch(`${shopify!.url}/_emulator/calls`, { method: "DELETE" });
      return { ok: true };
    case "compare": {
      const erp = erpStock();
      const skuOf = new Map([...shop.variants.values()].map((v) => [v.inventoryItemId, v.sku!]));
      let differing = 0;
      for (const level of shop.inventoryLevels.values())
        if (
          level.locationId === locationId &&
          level.quantities.available !== erp.get(skuOf.get(level.inventoryItemId)!)
        )
          differing++;
      return { differing };
    }
  }
}

if (process.send) {
  process.on("message", (message: Command & { id: number }) => {
    handle(message).then(
      (result) => process.send!({ id: message.id, result }),
      (error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
    );
  });
  process.send({ ready: true });
}
