// The catalog through the JSON API and the job worker, as an ERP or the screen drives it: seasons with
// counts, a preview writing nothing, "Import season" as a queued run, the nightly run taking the seasons
// chosen in Fastmag's settings, and the first import as a run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { loader as preview } from "~/routes/api.catalog.seasons.$season.preview";
import { loader as seasons } from "~/routes/api.catalog.seasons._index";
import { action as startSync } from "~/routes/api.sync.$type";
import { CREDENTIALS } from "./fastmag-harness";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";

let world: CatalogWorld;
let token: string;
beforeAll(async () => {
  registerModules();
  world = await startCatalogWorld({ variants: 200 });
  await db.session.update({
    where: { id: `offline_${world.shop}` },
    data: { accessToken: world.shopify.issueAccessToken(world.shop) },
  });
  token = (await createApiToken(world.shop, "ERP")).token;
});
afterAll(() => world?.close());

const request = (path: string, init: { method?: string; body?: string } = {}) =>
  new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body,
  });
const getSeasons = () => seasons({ request: request("/api/catalog/seasons"), params: {}, context: {} });
const getPreview = (season: string) =>
  preview({
    request: request(`/api/catalog/seasons/${encodeURIComponent(season)}/preview`),
    params: { season },
    context: {},
  });
const saveFastmag = (chosen: string[]) =>
  saveConnectorSettings(
    world.shop,
    "fastmag",
    {
      host: world.fastmag.emulator.url,
      enseigne: CREDENTIALS.enseigne,
      magasin: CREDENTIALS.magasin,
      compte: CREDENTIALS.compte,
      stock: { includeA: false, includeB: true, safetyMargin: 0 },
      seasons: chosen,
      timeZone: "Europe/Paris",
      queryOverrides: {},
    },
    { motpasse: CREDENTIALS.motpasse },
  );
const references = (season: string) =>
  (
    world.fastmag.emulator.db
      .prepare("SELECT COUNT(DISTINCT reference) AS n FROM products WHERE season = ? AND active = 1")
      .get(season) as { n: number }
  ).n;

async function run(type: string, params?: Record<string, unknown>) {
  const response = await startSync({
    request: request(`/api/sync/${type}`, { method: "POST", body: JSON.stringify(params ? { params } : {}) }),
    params: { type },
    context: {},
  });
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await runDueJobs({ db, types: [type] });
  return getJob({ db }, world.shop, jobId);
}

describe("the catalog API and jobs", () => {
  it("says what to set up while no catalog source is", async () => {
    const response = await getSeasons();
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/Fastmag is not set up/);
  });

  it("lists the seasons with their counts and previews one without writing", async () => {
    await saveFastmag(["E24"]);
    const response = await getSeasons();
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      seasons: { key: string; inSource: number; inShopify: number; changed: number; scheduled: boolean }[];
    };
    expect(body.seasons.map((s) => s.key)).toEqual(["H24", "E24", "H23", "E23"]);
    expect(body.seasons.find((s) => s.key === "E24")).toEqual({
      key: "E24",
      name: "E24",
      inSource: references("E24"),
      inShopify: 0,
      changed: references("E24"),
      scheduled: true,
    });
    expect(body.seasons.find((s) => s.key === "H24")?.scheduled).toBe(false);

    const previewed = await getPreview("E24");
    expect(previewed.status).toBe(200);
    const plan = (await previewed.json()) as { counts: { created: number }; products: { action: string }[] };
    expect(plan.counts.created).toBe(references("E24"));
    expect(plan.products.every((p) => p.action === "create")).toBe(true);
    expect(world.calls()).toEqual([]);

    const blank = await getPreview(" ");
    expect(blank.status).toBe(422);
  });

  it("imports a season as a queued run, then the nightly run takes the chosen seasons and writes nothing new", async () => {
    const job = await run("catalog.season", { season: "E24" });
    expect(job).toMatchObject({ status: "succeeded", result: { created: references("E24"), updated: 0 } });
    expect(job!.counters.changed).toBe(references("E24"));

    const nightly = await run("catalog.season");
    expect(nightly).toMatchObject({ status: "succeeded", result: { writes: 0, seasons: [{ season: "E24" }] } });

    const body = (await (await getSeasons()).json()) as {
      seasons: { key: string; inShopify: number; changed: number }[];
    };
    expect(body.seasons.find((s) => s.key === "E24")).toMatchObject({ inShopify: references("E24"), changed: 0 });
  });

  it("runs the first import as a job", async () => {
    const job = await run("catalog.link-existing");
    expect(job).toMatchObject({
      status: "succeeded",
      result: { matched: 0, conflicts: 0, alreadyLinked: references("E24") },
    });
  });
});
