// The Catalog screen's per-product status (/app/catalog?products=<season>&page=<n>): each product of a
// season with what its last import did — created, updated, unchanged, or skipped with Shopify's reason —
// from the link rows and the last run's skipped records, paged, against the Fastmag and Shopify emulators
// and the job worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { loader as catalogScreen } from "~/routes/app.catalog._index";
import { action as startSync } from "~/routes/api.sync.$type";
import type { SeasonProducts } from "~/sync/catalog/screens.server";
import { adminRequest, callRoute } from "../support/admin-request";
import { CREDENTIALS } from "./fastmag-harness";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";

let world: CatalogWorld;
let token: string;
let references: string[];

beforeAll(async () => {
  registerModules();
  world = await startCatalogWorld({ variants: 2000 });
  await db.session.update({
    where: { id: `offline_${world.shop}` },
    data: { accessToken: world.shopify.issueAccessToken(world.shop) },
  });
  token = (await createApiToken(world.shop, "ERP")).token;
  await saveConnectorSettings(
    world.shop,
    "fastmag",
    {
      host: world.fastmag.emulator.url,
      enseigne: CREDENTIALS.enseigne,
      magasin: CREDENTIALS.magasin,
      compte: CREDENTIALS.compte,
      stock: { includeA: false, includeB: true, safetyMargin: 0 },
      seasons: ["E24"],
      timeZone: "Europe/Paris",
      queryOverrides: {},
    },
    { motpasse: CREDENTIALS.motpasse },
  );
  references = (
    world.fastmag.emulator.db
      .prepare("SELECT DISTINCT reference FROM products WHERE season = 'E24' AND active = 1 ORDER BY reference")
      .all() as { reference: string }[]
  ).map((r) => r.reference);
});
afterAll(() => world?.close());

async function importE24() {
  const response = await startSync({
    request: new Request(`${process.env.SHOPIFY_APP_URL}/api/sync/catalog.season`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ params: { season: "E24" } }),
    }),
    params: { type: "catalog.season" },
    context: {},
  });
  expect(response.status).toBe(202);
  await runDueJobs({ db, types: ["catalog.season"] });
}

async function productsOnScreen(cursor = "") {
  const url = `/app/catalog?products=E24${cursor}`;
  const data = (await callRoute(() =>
    catalogScreen({ request: adminRequest(world.shop, url), params: {}, context: {} }),
  )) as { products: SeasonProducts | null };
  return data.products!;
}

async function allProducts() {
  const first = await productsOnScreen();
  const rows = [...first.products];
  let pages = 1;
  for (let page = first; page.next; pages++) {
    page = await productsOnScreen(`&after=${encodeURIComponent(page.next)}`);
    expect(page.total).toBe(first.total);
    rows.push(...page.products);
  }
  return { first, rows, pages };
}

describe("per-product status on the Catalog screen", () => {
  it("shows nothing for the season before any import, and no list without asking", async () => {
    const data = (await callRoute(() =>
      catalogScreen({ request: adminRequest(world.shop, "/app/catalog"), params: {}, context: {} }),
    )) as { products: SeasonProducts | null };
    expect(data.products).toBeNull();
    expect(await productsOnScreen()).toMatchObject({ season: "E24", lastRun: null, products: [], total: 0 });
  });

  it("lists every product as created after the first import, paged by 50", async () => {
    await importE24();
    const { first, rows, pages } = await allProducts();
    expect(references.length).toBeGreaterThan(50); // more than one page
    expect(first.total).toBe(references.length);
    expect(pages).toBe(Math.ceil(references.length / 50));
    expect(first.products.length).toBe(Math.min(50, references.length));
    expect(first.lastRun).toMatchObject({ status: "succeeded" });
    expect(rows.map((r) => r.key)).toEqual(references);
    expect(rows.every((r) => r.status === "created" && r.productId?.startsWith("gid://shopify/Product/"))).toBe(true);
  });

  it("after a re-run: the changed product updated, the refused one skipped with Shopify's reason, the rest unchanged", async () => {
    const [renamed, broken] = [references[0]!, references[1]!];
    const rename = world.fastmag.emulator.db.prepare("UPDATE products SET designation = ? WHERE reference = ?");
    rename.run("Renamed in Fastmag", renamed);
    rename.run("x".repeat(300), broken);
    await importE24();
    const { rows } = await allProducts();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get(renamed)).toMatchObject({ status: "updated", reason: null });
    expect(byKey.get(broken)).toMatchObject({ status: "skipped" });
    expect(byKey.get(broken)!.reason).toMatch(/Title is too long/);
    expect(rows.filter((r) => r.status === "unchanged")).toHaveLength(references.length - 2);
  });

  it("pages by keyset on the reference: Next after a page's last, Previous before its first", async () => {
    const first = await productsOnScreen();
    expect(first.previous).toBeNull();
    const second = await productsOnScreen(`&after=${encodeURIComponent(first.next!)}`);
    expect(second.products[0]!.key > first.products[first.products.length - 1]!.key).toBe(true);
    const back = await productsOnScreen(`&before=${encodeURIComponent(second.previous!)}`);
    expect(back.products.map((p) => p.key)).toEqual(first.products.map((p) => p.key));
    expect(back.previous).toBeNull();
    // The skipped product (no longer written, still linked) is counted once.
    expect(back.total).toBe(references.length);
  });
});
