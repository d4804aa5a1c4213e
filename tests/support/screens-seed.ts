// A shop's history for the screens, written straight into the database (fast enough for 100,000 rows):
// stock of every variant, runs (one of them with changes, failed rows, skipped items and log lines,
// one still running), orders, unmatched SKUs on both sides, app events, received webhooks, event feed
// deliveries, mails sent, Tuyo listings and orders, refused POS moves, photos with a problem, and a
// promotion. Used by the UI bench (at scale) and the accessibility e2e test (small: every screen with data).
import type { Db } from "../../app/db.server";

export interface ScreensSeedSizes {
  variants: number;
  /** At least 2: bench-run-1 is the audited one. */
  runs: number;
  orders: number;
  /** Of the audited run (runId): its changes, failed rows, skipped items and log lines. */
  changes: number;
  failedRows: number;
  skipped: number;
  logLines: number;
  /** Undecided SKUs on each side (source, Shopify), plus a few ignored and linked ones. */
  unmatched: number;
  /** App events (Logs), received webhooks, event feed deliveries and mails sent. */
  events: number;
  /** Tuyo listings and Tuyo orders. */
  marketplace: number;
}

export interface SeededScreens {
  /** A finished run that changed things, with failed rows, skipped items and a log. */
  runId: string;
  /** A run that is still running (its page offers Cancel); no worker takes it (another owns its lease). */
  runningRunId: string;
  sku: string;
  orderId: string;
  promotionId: string;
}

const CHUNK = 2_000;

async function inChunks(total: number, write: (from: number, count: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < total; i += CHUNK) await write(i, Math.min(CHUNK, total - i));
}

const skuOf = (n: number) => `REF${String(n).padStart(6, "0")}|NOIR|M`;

export async function seedScreens(db: Db, shop: string, sizes: ScreensSeedSizes): Promise<SeededScreens> {
  const now = Date.now();
  await inChunks(sizes.variants, (i, count) =>
    db.stockSnapshot.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        shop,
        sku: skuOf(i + n),
        webStock: (i + n) % 17,
        shopifyQuantity: (i + n) % 17,
        inventoryItemId: `gid://shopify/InventoryItem/${900_000 + i + n}`,
        syncedAt: new Date(now - (i + n) * 1000),
      })),
    }),
  );
  const types = ["stock.changes", "stock.full", "prices.update", "orders.statuses", "catalog.season"];
  await inChunks(sizes.runs, (i, count) =>
    db.job.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const at = new Date(now - (i + n + 1) * 300_000);
        const failed = (i + n) % 50 === 0;
        return {
          id: `bench-run-${i + n}`,
          shop,
          type: types[(i + n) % types.length]!,
          trigger: "schedule",
          status: failed ? "failed" : "succeeded",
          attempt: 1,
          runAfter: at,
          createdAt: at,
          startedAt: at,
          finishedAt: new Date(at.getTime() + 42_000),
          progressDone: 100,
          progressTotal: 100,
          seenCount: 100,
          changedCount: 16,
          skippedCount: 3,
          errorMessage: failed ? "Fastmag did not answer in time." : null,
        };
      }),
    }),
  );

  // The audited run (one of the runs above, a full stock run): it succeeded with problems.
  const runId = "bench-run-1";
  const audited = await db.job.findUniqueOrThrow({ where: { id: runId } });
  const started = audited.startedAt ?? new Date(now);
  const seen = sizes.changes + sizes.failedRows + sizes.skipped;
  await db.job.update({
    where: { id: runId },
    data: {
      type: "stock.full",
      status: "succeeded",
      firstStartedAt: started,
      progressDone: seen,
      progressTotal: seen,
      seenCount: seen,
      changedCount: sizes.changes,
      skippedCount: sizes.skipped,
      failedCount: sizes.failedRows,
      errorMessage: null,
    },
  });
  await inChunks(sizes.changes, (i, count) =>
    db.jobChange.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        jobId: runId,
        shop,
        entity: "variant",
        externalId: skuOf(i + n),
        field: "available",
        before: String((i + n) % 17),
        after: String(((i + n) % 17) + 1),
        at: new Date(started.getTime() + (i + n)),
      })),
    }),
  );
  await inChunks(sizes.failedRows, (i, count) =>
    db.jobSkippedItem.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        jobId: runId,
        shop,
        entity: "variant",
        externalId: `row ${(i + n) * 40}`,
        reason: `Could not be read from Fastmag: row ${(i + n) * 40}.`,
        outcome: "failed",
      })),
    }),
  );
  await inChunks(sizes.skipped, (i, count) =>
    db.jobSkippedItem.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        jobId: runId,
        shop,
        entity: "variant",
        externalId: `UNKNOWN${i + n}`,
        reason: "No Shopify variant has this SKU.",
      })),
    }),
  );
  const levels = ["info", "info", "info", "warn", "error"];
  await inChunks(sizes.logLines, (i, count) =>
    db.jobLogEntry.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        jobId: runId,
        shop,
        level: levels[(i + n) % levels.length]!,
        message: `Step ${i + n}`,
        at: new Date(started.getTime() + (i + n) * 100),
      })),
    }),
  );

  // A run still going: owned by a process that is not this stack's, its lease far ahead.
  const runningRunId = "bench-run-running";
  await db.job.create({
    data: {
      id: runningRunId,
      shop,
      type: "prices.update",
      trigger: "manual",
      status: "running",
      attempt: 1,
      runAfter: new Date(now - 60_000),
      createdAt: new Date(now - 60_000),
      startedAt: new Date(now - 60_000),
      firstStartedAt: new Date(now - 60_000),
      leaseOwner: "another-process",
      leaseExpiresAt: new Date(now + 24 * 3_600_000),
      heartbeatAt: new Date(now),
      progressDone: 40,
      progressTotal: 100,
    },
  });

  const statuses = ["exported", "exported", "exported", "failed", "pending"];
  await inChunks(sizes.orders, (i, count) =>
    db.orderExport.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const id = 5_000_000 + i + n;
        return {
          id: `bench-order-${i + n}`,
          shop,
          shopifyOrderId: `gid://shopify/Order/${id}`,
          shopifyOrderName: `#${id}`,
          email: `customer${(i + n) % 5000}@example.com`,
          customerName: `Customer ${(i + n) % 5000}`,
          status: statuses[(i + n) % statuses.length]!,
          payloadJson: JSON.stringify({ id, name: `#${id}`, line_items: [{ sku: skuOf(1), quantity: 1 }] }),
          erpOrderId: String(80_000 + i + n),
          lastError: statuses[(i + n) % statuses.length] === "failed" ? "Fastmag refused the order." : null,
          createdAt: new Date(now - (i + n) * 60_000),
        };
      }),
    }),
  );

  // Unmatched SKUs: both sides undecided, and some decided.
  for (const side of ["source", "shopify"] as const)
    await inChunks(sizes.unmatched, (i, count) =>
      db.unmatchedSku.createMany({
        data: Array.from({ length: count }, (_, n) => ({
          shop,
          side,
          sku: `${side === "source" ? "SRC" : "WEB"}${String(i + n).padStart(6, "0")}|BLEU|S`,
          lastSeenAt: new Date(now - 3_600_000),
        })),
      }),
    );
  const decided = Math.min(20, sizes.unmatched);
  await db.unmatchedSku.createMany({
    data: Array.from({ length: decided }, (_, n) => [
      { shop, side: "source", sku: `SRCIGN${n}`, decision: "ignored", decidedAt: new Date(now) },
      {
        shop,
        side: "source",
        sku: `SRCLNK${n}`,
        decision: "linked",
        linkedSku: skuOf(n),
        decidedAt: new Date(now),
      },
    ]).flat(),
  });

  // Logs: app events of every kind and received webhooks.
  const kinds = ["run-failed", "settings-changed", "connection-test", "alert-sent"];
  await inChunks(sizes.events, (i, count) =>
    db.appEvent.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        shop,
        kind: kinds[(i + n) % kinds.length]!,
        message: `Event ${i + n}`,
        link: (i + n) % kinds.length === 0 ? `/app/runs/bench-run-${(i + n) % Math.max(1, sizes.runs)}` : null,
        createdAt: new Date(now - (i + n) * 30_000),
      })),
    }),
  );
  // Handled ones only: a "received" webhook is work the app's processor takes up, and thousands of
  // them (with an empty payload) kept a core busy for the first screens of bench:ui.
  const webhookStatuses = ["processed", "processed", "processed", "failed"];
  await inChunks(sizes.events, (i, count) =>
    db.webhookDelivery.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        webhookId: `bench-webhook-${i + n}`,
        shop,
        topic: (i + n) % 2 ? "orders/create" : "products/update",
        status: webhookStatuses[(i + n) % webhookStatuses.length]!,
        error: webhookStatuses[(i + n) % webhookStatuses.length] === "failed" ? "The order could not be read." : null,
        payloadJson: "{}",
        receivedAt: new Date(now - (i + n) * 20_000),
        processedAt: new Date(now - (i + n) * 20_000 + 500),
      })),
    }),
  );

  // The ERP event feed: an endpoint and its deliveries (delivered, some pending, some given up).
  const endpointId = "bench-endpoint";
  await db.feedEndpoint.create({
    data: {
      id: endpointId,
      shop,
      name: "ERP",
      url: "https://erp.example.com/passerelle",
      topicsJson: JSON.stringify(["orders/create", "products/update"]),
      secretCiphertext: "not-used-by-the-screens",
      // Paused (by the merchant): its backlog shows on the screens, and the app's deliverer leaves it be.
      // Enabled, it would try the 4,000 pending deliveries against an address that does not exist,
      // with a secret that is not one, all through the bench: a full core of the app's process.
      status: "paused",
    },
  });
  const feedStatuses = ["delivered", "delivered", "delivered", "pending", "dead"];
  await inChunks(sizes.events, async (i, count) => {
    const at = (n: number) => new Date(now - (i + n) * 20_000);
    await db.feedEvent.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        id: `bench-feed-event-${i + n}`,
        shop,
        topic: "orders/create",
        resourceKey: `order ${5_000_000 + i + n}`,
        apiVersion: "2025-10",
        occurredAt: at(n),
        body: "{}",
        createdAt: at(n),
      })),
    });
    await db.feedDelivery.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const status = feedStatuses[(i + n) % feedStatuses.length]!;
        return {
          id: `bench-delivery-${i + n}`,
          shop,
          endpointId,
          eventId: `bench-feed-event-${i + n}`,
          topic: "orders/create",
          resourceKey: `order ${5_000_000 + i + n}`,
          occurredAt: at(n),
          status,
          attempts: status === "pending" ? 0 : status === "dead" ? 8 : 1,
          lastStatus: status === "dead" ? 500 : status === "delivered" ? 200 : null,
          lastError: status === "dead" ? "The endpoint answered 500." : null,
          createdAt: at(n),
          finishedAt: status === "pending" ? null : new Date(at(n).getTime() + 300),
        };
      }),
    });
    // One try of each delivery that was tried (the endpoint's health: success rate, last error).
    await db.feedAttempt.createMany({
      data: Array.from({ length: count }, (_, n) => ({ n, status: feedStatuses[(i + n) % feedStatuses.length]! }))
        .filter(({ status }) => status !== "pending")
        .map(({ n, status }) => ({
          deliveryId: `bench-delivery-${i + n}`,
          at: new Date(at(n).getTime() + 300),
          httpStatus: status === "dead" ? 500 : 200,
          ms: 120,
          outcome: status === "dead" ? "gone" : "delivered",
          error: status === "dead" ? "The endpoint answered 500." : null,
        })),
    });
  });

  // Mails sent.
  await inChunks(sizes.events, (i, count) =>
    db.mailLog.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        shop,
        to: `customer${(i + n) % 5000}@example.com`,
        subject: "Your gift card",
        template: "gift-card",
        locale: "fr",
        status: (i + n) % 10 === 0 ? "failed" : "sent",
        error: (i + n) % 10 === 0 ? "The mail server refused the recipient." : null,
        about: `gift-card:CADEAU-${i + n}`,
        createdAt: new Date(now - (i + n) * 60_000),
      })),
    }),
  );

  // Tuyo: listings in every state, and orders.
  const listingStates = ["listed", "listed", "pending", "refused", "unlisted"];
  await inChunks(sizes.marketplace, (i, count) =>
    db.tuyoListing.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const state = listingStates[(i + n) % listingStates.length]!;
        return {
          shop,
          shopifyProductId: `gid://shopify/Product/${700_000 + i + n}`,
          tuyoSku: state === "listed" ? `TUYO-${i + n}` : null,
          state,
          reason: state === "refused" ? "The product has no image." : null,
          listedAt: state === "listed" ? new Date(now - (i + n) * 60_000) : null,
          // The screen lists the latest changed first: TUYO-0 is on its first page.
          updatedAt: new Date(now - (i + n) * 60_000),
        };
      }),
    }),
  );
  await inChunks(sizes.marketplace, (i, count) =>
    db.tuyoOrder.createMany({
      data: Array.from({ length: count }, (_, n) => ({
        shop,
        code: `TY-${100_000 + i + n}`,
        kind: "unique",
        skusJson: JSON.stringify([skuOf(i + n)]),
        shopifyOrderId: `gid://shopify/Order/${5_000_000 + i + n}`,
        reportedStatus: (i + n) % 3 === 0 ? "Ruta" : "Empaque",
        createdAt: new Date(now - (i + n) * 120_000),
      })),
    }),
  );

  // Moves a point of sale refused (the POS screen's list) and photos the image sync could not attach (the
  // Catalog screen's), each with its reason's words.
  await db.posDispatch.createMany({
    data: Array.from({ length: 3 }, (_, n) => ({
      key: `sale-bench-${n}`,
      shop,
      accountId: "bench-pos-account",
      orderId: `gid://shopify/Order/${5_000_000 + n}`,
      orderName: `#${1000 + n}`,
      lineId: `gid://shopify/LineItem/${7_000 + n}`,
      kind: "sale",
      posItemId: String(90 + n),
      posLocationId: "1",
      quantity: 1 + n,
      status: "refused",
      reason: `Hiboutik has no product ${90 + n}: map the item again.`,
      reasonWords: JSON.stringify({ k: "words6.pos.hiboutik.noProduct", p: { id: String(90 + n) } }),
      attempts: 1,
      updatedAt: new Date(now - n * 60_000),
    })),
  });
  await db.catalogImageFile.createMany({
    data: Array.from({ length: 3 }, (_, n) => ({
      shop,
      source: "sftp",
      name: `REF${String(n).padStart(6, "0")}_NOIR_1.jpg`,
      reference: `REF${String(n).padStart(6, "0")}`,
      size: 1000,
      modifiedAt: new Date(now - n * 60_000),
      syncedAt: new Date(now - n * 60_000),
      status: n === 0 ? "failed" : "unmatched",
      reason: `No product in Shopify has a SKU of reference REF${String(n).padStart(6, "0")}.`,
      reasonWords: JSON.stringify({ k: "images.noProduct", p: { key: `REF${String(n).padStart(6, "0")}` } }),
    })),
  });

  // An active price-mode promotion with a few variants.
  const promotionId = "bench-promotion";
  await db.promotion.create({
    data: {
      id: promotionId,
      shop,
      name: "Winter sale",
      tag: "promo-30",
      percentage: 30,
      mode: "price",
      rounding: "cent",
      productIdsJson: JSON.stringify(["gid://shopify/Product/1", "gid://shopify/Product/2"]),
      collectionIdsJson: "[]",
      targetProductIdsJson: JSON.stringify(["gid://shopify/Product/1", "gid://shopify/Product/2"]),
      startsAt: new Date(now - 86_400_000),
      endsAt: new Date(now + 7 * 86_400_000),
      state: "active",
      productsCount: 2,
      variantsCount: 6,
      variants: {
        create: Array.from({ length: 6 }, (_, n) => ({
          variantId: `gid://shopify/ProductVariant/${100 + n}`,
          shop,
          productId: `gid://shopify/Product/${1 + (n % 2)}`,
          sku: skuOf(n),
          originalPrice: "40.00",
          promoPrice: "28.00",
          status: "applied",
        })),
      },
    },
  });

  return { runId, runningRunId, sku: skuOf(42), orderId: "bench-order-7", promotionId };
}
