// The order page's sentences about a cancellation or refund, in the admin's language: the destination's
// own error text is quoted inside the French sentence, the English stays as it was.
import { describe, expect, it } from "vitest";
import type { Db } from "../../db.server";
import { orderDetail } from "./views.server";

const row = {
  id: "e1",
  shop: "demo.myshopify.com",
  shopifyOrderId: "1001",
  shopifyOrderName: "#1001",
  status: "exported",
  erpOrderId: "F-1",
  erpStatus: null,
  erpStatusLabel: null,
  carrier: null,
  trackingNumber: null,
  trackingUrl: null,
  fulfilledAt: null,
  deliveredAt: null,
  lastError: null,
  lastErrorDetail: null,
  customerName: "Hugo Petit",
  email: null,
  attempts: 1,
  createdAt: new Date("2026-12-01T10:00:00Z"),
  payloadJson: "{}",
  claimedBy: null,
  claimedAt: null,
  events: [],
};

const fakeDb = (reversal: Record<string, unknown>) =>
  ({
    orderExport: { findFirst: async () => row },
    orderReversal: {
      findMany: async () => [
        { shopifyOrderId: "1001", returnJson: null, statusReportedAt: null, lastError: null, ...reversal },
      ],
    },
  }) as unknown as Db;

describe("an order's cancellation or refund in words", () => {
  it("says a refused cancellation in French, Acme's text quoted", async () => {
    const db = fakeDb({ kind: "cancellation", status: "failed", lastError: "Commande déjà facturée" });
    const fr = await orderDetail(db, row.shop, row.id, "Acme", "fr");
    expect(fr!.order.reversals[0]!.text).toBe("Annulation non signalée à Acme : « Commande déjà facturée »");
    const en = await orderDetail(db, row.shop, row.id, "Acme");
    expect(en!.order.reversals[0]!.text).toBe("Cancellation not reported to Acme: Commande déjà facturée");
  });

  it("says a reported refund with the stock returned in French", async () => {
    const db = fakeDb({ kind: "refund", status: "reported", returnJson: JSON.stringify([{ sku: "A", quantity: 2 }]) });
    const fr = await orderDetail(db, row.shop, row.id, "Acme", "fr");
    expect(fr!.order.reversals[0]!.text).toBe("Remboursée : stock remis dans Acme (2 × A).");
    const en = await orderDetail(db, row.shop, row.id, "Acme", "en");
    expect(en!.order.reversals[0]!.text).toBe("Refunded: stock returned in Acme (2 × A).");
  });
});
