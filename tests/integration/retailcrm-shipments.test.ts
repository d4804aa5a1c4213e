// A fulfilled Shopify order (the orders/fulfilled webhook's use-case) is marked shipped in RetailCRM,
// once: order[shipped], order[shipmentStore] = the chosen warehouse, order[shipmentDate] = the day it was
// fulfilled in the shop's time zone. Against the emulator over HTTP and the real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sayIn } from "~/i18n/stored-words";
import type { AppError } from "~/lib/errors";
import { registerRetailCrm } from "~/settings/retailcrm.server";
import { receiveOrderFulfilled } from "~/sync/orders/shipments.server";
import { WEBHOOK_USE_CASES } from "~/webhooks/handlers.server";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { STORE, setUpCrm, startCrm } from "./retailcrm-harness";

let crm: RetailCrmEmulator;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => crm?.close());

async function newShop(options: { register?: boolean } = {}) {
  const shop = uniqueShop("crmship");
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await setUpCrm(shop, crm);
  if (options.register !== false) expect(await registerRetailCrm(shop)).toMatchObject({ ok: true });
  return shop;
}

const edits = () => crm.calls().filter((c) => c.method === "POST" && /^\/api\/v5\/orders\/.+\/edit$/.test(c.path));
// 23:30 UTC on 31 May is already 1 June in Paris.
const PAYLOAD = { id: 1001, fulfillments: [{ created_at: "2026-05-31T23:30:00Z", status: "success" }] };

describe("order shipments to RetailCRM", () => {
  it("marks the RetailCRM order shipped from the warehouse on the day of the fulfillment, once", async () => {
    crm.reset();
    const shop = await newShop();
    const before = edits().length;
    expect(await receiveOrderFulfilled(db, shop, PAYLOAD)).toEqual({ retailcrm: "marked" });
    const order = crm.state().orders.find((o) => o.externalId === "1001")!;
    expect(order).toMatchObject({ shipped: true, shipmentStore: STORE, shipmentDate: "2026-06-01" });
    // The webhook redelivered: nothing is written again.
    await WEBHOOK_USE_CASES["orders/fulfilled"]({
      shop,
      topic: "orders/fulfilled",
      webhookId: "w-2",
      payload: PAYLOAD as unknown as Record<string, unknown>,
    });
    expect(await receiveOrderFulfilled(db, shop, PAYLOAD)).toEqual({ retailcrm: "already-shipped" });
    expect(edits().length - before).toBe(1);
  });

  it("an order RetailCRM does not have is not an error", async () => {
    const shop = await newShop();
    expect(await receiveOrderFulfilled(db, shop, { id: 999999, fulfillments: [] })).toEqual({
      retailcrm: "unknown-order",
    });
  });

  it("without the warehouse module registered, says what to do (RetailCRM refuses order[shipped])", async () => {
    crm.reset();
    const shop = await newShop({ register: false });
    await expect(receiveOrderFulfilled(db, shop, PAYLOAD)).rejects.toThrow(
      /RetailCRM only accepts shipments from a registered warehouse module: use Register module/,
    );
    expect(crm.state().orders.find((o) => o.externalId === "1001")!.shipped).toBe(false);
  });

  it("the refusal keeps RetailCRM's advice in words: French reads French, the English is unchanged", async () => {
    crm.reset();
    const shop = await newShop({ register: false });
    const error = (await receiveOrderFulfilled(db, shop, PAYLOAD).catch((e: unknown) => e)) as AppError;
    expect(error.message).toBe(
      "Order 1001: the shipment could not be sent to RetailCRM: RetailCRM only accepts shipments from a registered warehouse module: use Register module in Settings → RetailCRM.",
    );
    expect(sayIn(error.said!, "fr")).toBe(
      "Commande 1001 : l'expédition n'a pas pu être envoyée à RetailCRM : RetailCRM n'accepte les expéditions que d'un module d'entrepôt enregistré : utilisez Enregistrer le module dans Paramètres → RetailCRM.",
    );
  });

  it("RetailCRM saved without a warehouse is skipped, not a failure", async () => {
    const shop = uniqueShop("crmship");
    await installShop(shop);
    await setUpCrm(shop, crm, "");
    expect(await receiveOrderFulfilled(db, shop, PAYLOAD)).toEqual({});
  });

  it("a shop without RetailCRM sends nothing; a payload without an order id is refused", async () => {
    const shop = uniqueShop("crmship");
    await installShop(shop);
    expect(await receiveOrderFulfilled(db, shop, PAYLOAD)).toEqual({});
    await expect(receiveOrderFulfilled(db, shop, { fulfillments: [] })).rejects.toThrow(/without a numeric order id/);
  });
});
