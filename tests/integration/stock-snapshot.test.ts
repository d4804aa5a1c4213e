// The stock snapshot table: rows upserted in JSON batches, the database rewriting only the rows whose
// content changed (null-safe), on SQLite and PostgreSQL alike.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { saveSnapshot, snapshotRows, type SnapshotRow } from "~/sync/stock-snapshot.server";

const shop = "snapshot-test.myshopify.com";
const at = (iso: string) => new Date(iso);

function rows(count: number, overrides: (i: number) => Partial<SnapshotRow> = () => ({})): SnapshotRow[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: i === 20 ? "SWEAT|CŒUR ÉTÉ 😀|XL" : `REF${String(i).padStart(4, "0")}|ÉCRU|M`,
    webStock: i,
    sourceDetail: i % 4 ? `Fastmag: general stock ${i + 1} · web stock ${i}` : null,
    shopifyQuantity: i % 2 ? i : null,
    inventoryItemId: i % 3 ? `gid://shopify/InventoryItem/${i + 1}` : null,
    erpUpdatedAt: i % 5 ? at(`2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:15:30.250Z`) : null,
    ...overrides(i),
  }));
}

describe("saveSnapshot", () => {
  it("writes new rows, then only the ones whose content changed", async () => {
    const first = rows(600); // more than one statement and one transaction's worth of rows
    expect(await saveSnapshot(db, shop, first, at("2026-11-25T08:00:00Z"))).toBe(600);
    expect(await saveSnapshot(db, shop, first, at("2026-11-25T09:00:00Z"))).toBe(0);

    const changed = rows(600, (i) =>
      i === 7
        ? { webStock: 70 }
        : i === 8
          ? { shopifyQuantity: 3 } // null → 3
          : i === 9
            ? { shopifyQuantity: null } // 9 → null
            : i === 11
              ? { erpUpdatedAt: at("2026-12-01T00:00:00Z") }
              : i === 14
                ? { inventoryItemId: null }
                : i === 15
                  ? { sourceDetail: "Fastmag: general stock 0 · web stock 15" }
                  : i === 17
                    ? { sourceDetail: null }
                    : {},
    );
    expect(await saveSnapshot(db, shop, changed, at("2026-11-25T10:00:00Z"))).toBe(7);

    const stored = await snapshotRows(db, shop, [
      "REF0007|ÉCRU|M",
      "REF0009|ÉCRU|M",
      "REF0011|ÉCRU|M",
      "REF0013|ÉCRU|M",
    ]);
    expect(stored.get("REF0007|ÉCRU|M")).toMatchObject({ webStock: 70, syncedAt: at("2026-11-25T10:00:00Z") });
    expect(stored.get("REF0009|ÉCRU|M")).toMatchObject({ shopifyQuantity: null });
    expect(stored.get("REF0011|ÉCRU|M")).toMatchObject({ erpUpdatedAt: at("2026-12-01T00:00:00Z") });
    // Any character of a SKU survives the trip (the statements escape non-ASCII text).
    expect((await snapshotRows(db, shop, ["SWEAT|CŒUR ÉTÉ 😀|XL"])).get("SWEAT|CŒUR ÉTÉ 😀|XL")).toMatchObject({
      webStock: 20,
    });
    // An unchanged row keeps the time it was last written, and reads back exactly as it was saved.
    expect(stored.get("REF0013|ÉCRU|M")).toEqual({
      ...changed[13],
      shop,
      syncedAt: at("2026-11-25T08:00:00Z"),
    });
  });
});
