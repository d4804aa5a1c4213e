// The catalog through the JSON API and the job worker, as an ERP or the screen drives it: seasons with
// counts, a preview writing nothing, "Import season" as a queued run, the nightly run taking the seasons
// chosen in Fastmag's settings, and the first import as a run. "Changed since last sync" is the count kept
// by the season's last import or preview: loading the seasons reads Fastmag's season list only. The
// archive setting, saved on the Catalog screen or with the API, is what the scheduled run follows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { handleShopRedact } from "~/compliance/compliance.server";
import { db } from "~/db.server";
import { getJob } from "~/jobs/api.server";
import { fireSchedule } from "~/jobs/scheduler.server";
import { ensureDefaultSchedules } from "~/jobs/schedules.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { loader as preview } from "~/routes/api.catalog.seasons.$season.preview";
import { loader as seasons } from "~/routes/api.catalog.seasons._index";
import { loader as settingsApi, action as saveSettingsApi } from "~/routes/api.catalog.settings";
import { action as catalogAction, loader as catalogScreen } from "~/routes/app.catalog._index";
import { action as startSync } from "~/routes/api.sync.$type";
import { adminRequest, callRoute } from "../support/admin-request";
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
    // Never imported nor previewed: not counted yet.
    expect(body.seasons.find((s) => s.key === "E24")).toEqual({
      key: "E24",
      name: "E24",
      inSource: references("E24"),
      inShopify: 0,
      changed: null,
      changedCountedAt: null,
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

    // The preview counted the season; the next load shows it, reading nothing else from Fastmag.
    const seen = world.fastmag.emulator.calls.length;
    const after = (await (await getSeasons()).json()) as { seasons: { key: string; changed: number | null }[] };
    expect(after.seasons.find((s) => s.key === "E24")?.changed).toBe(references("E24"));
    expect(after.seasons.find((s) => s.key === "H24")?.changed).toBeNull();
    expect(world.fastmag.emulator.calls.slice(seen).length).toBe(1);
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

  it("loads the Catalog screen with one read of Fastmag (its season list), none of its prices", async () => {
    const seen = world.fastmag.emulator.calls.length;
    const data = (await callRoute(() =>
      catalogScreen({ request: adminRequest(world.shop, "/app/catalog"), params: {}, context: {} }),
    )) as { overview: { seasons: { key: string; changed: number | null; changedCountedAt: string | null }[] } };
    // Before: a preview of each of the 4 seasons, 2 reads each (its rows and the whole price table).
    expect(world.fastmag.emulator.calls.slice(seen).length).toBe(1);
    // The nightly run of the previous test counted E24: nothing left to send.
    expect(data.overview.seasons.find((s) => s.key === "E24")).toMatchObject({ changed: 0 });
    expect(data.overview.seasons.find((s) => s.key === "E24")?.changedCountedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("runs the first import as a job", async () => {
    const job = await run("catalog.link-existing");
    expect(job).toMatchObject({
      status: "succeeded",
      result: { matched: 0, conflicts: 0, alreadyLinked: references("E24") },
    });
    // The linked products are sent whole by the next import: the kept count no longer holds.
    const body = (await (await getSeasons()).json()) as { seasons: { key: string; changed: number | null }[] };
    expect(body.seasons.find((s) => s.key === "E24")?.changed).toBeNull();
  });

  it("counts again at a preview once a product changed in Fastmag, and at the import", async () => {
    const reference = (
      world.fastmag.emulator.db
        .prepare("SELECT reference FROM products WHERE season = 'E24' AND active = 1 ORDER BY reference DESC LIMIT 1")
        .get() as { reference: string }
    ).reference;
    await run("catalog.season", { season: "E24" });
    world.fastmag.emulator.db
      .prepare("UPDATE products SET designation = 'Renamed in Fastmag' WHERE reference = ?")
      .run(reference);
    const before = (await (await getSeasons()).json()) as { seasons: { key: string; changed: number | null }[] };
    expect(before.seasons.find((s) => s.key === "E24")?.changed).toBe(0); // as of the last count
    await getPreview("E24");
    const after = (await (await getSeasons()).json()) as { seasons: { key: string; changed: number | null }[] };
    expect(after.seasons.find((s) => s.key === "E24")?.changed).toBe(1);
    await run("catalog.season", { season: "E24" });
    const imported = (await (await getSeasons()).json()) as { seasons: { key: string; changed: number | null }[] };
    expect(imported.seasons.find((s) => s.key === "E24")?.changed).toBe(0);
  });

  it("saves the archive setting on the Catalog screen and with the API", async () => {
    const screen = async () =>
      (
        (await callRoute(() =>
          catalogScreen({ request: adminRequest(world.shop, "/app/catalog"), params: {}, context: {} }),
        )) as { overview: { settings: { archiveGone: boolean } } }
      ).overview.settings;
    expect(await screen()).toEqual({ archiveGone: false });
    const saved = await callRoute(() =>
      catalogAction({
        request: adminRequest(world.shop, "/app/catalog", { form: { intent: "settings", archiveGone: "true" } }),
        params: {},
        context: {},
      }),
    );
    expect(saved).toEqual({ ok: true, settings: { archiveGone: true } });
    expect(await screen()).toEqual({ archiveGone: true });

    const put = (body: unknown) =>
      saveSettingsApi({
        request: request("/api/catalog/settings", { method: "PUT", body: JSON.stringify(body) }),
        params: {},
        context: {},
      });
    const off = await put({ archiveGone: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ archiveGone: false });
    const got = await settingsApi({ request: request("/api/catalog/settings"), params: {}, context: {} });
    expect(await got.json()).toEqual({ archiveGone: false });
    const bad = await put({ archiveGone: "yes", other: 1 });
    expect(bad.status).toBe(422);
    expect(await screen()).toEqual({ archiveGone: false });
  });

  it("the scheduled run reports a product whose variants all left the season, and archives it once the setting is on", async () => {
    await ensureDefaultSchedules(db, world.shop, "Europe/Paris");
    const schedule = await db.schedule.findUniqueOrThrow({
      where: { shop_type: { shop: world.shop, type: "catalog.season" } },
    });
    let fires = 0;
    const scheduled = async () => {
      const fired = await fireSchedule(db, schedule, new Date(Date.UTC(2026, 0, 1, 1, 30 + fires++)));
      expect(fired.jobId).toBeTruthy();
      await runDueJobs({ db, types: ["catalog.season"] });
      return getJob({ db }, world.shop, fired.jobId!);
    };
    const reference = (
      world.fastmag.emulator.db
        .prepare("SELECT reference FROM products WHERE season = 'E24' AND active = 1 ORDER BY reference LIMIT 1")
        .get() as { reference: string }
    ).reference;
    world.fastmag.emulator.db.prepare("UPDATE products SET active = 0 WHERE reference = ?").run(reference);
    const link = await db.externalLink.findUniqueOrThrow({
      where: { shop_entity_localId: { shop: world.shop, entity: "product", localId: reference } },
    });
    const status = () => world.shopRecord.products.get(Number(link.remoteId.split("/").pop()))?.status;
    const before = status();
    expect(before).toBeDefined();

    const reported = await scheduled();
    expect(reported).toMatchObject({
      status: "succeeded",
      trigger: "schedule",
      result: { seasons: [{ season: "E24", goneProducts: 1, archived: 0 }] },
    });
    expect(status()).toBe(before);

    await saveSettingsApi({
      request: request("/api/catalog/settings", { method: "PUT", body: JSON.stringify({ archiveGone: true }) }),
      params: {},
      context: {},
    });
    const archived = await scheduled();
    expect(archived).toMatchObject({
      status: "succeeded",
      result: { seasons: [{ season: "E24", goneProducts: 1, archived: 1 }] },
    });
    expect(status()).toBe("ARCHIVED");
  });

  it("shop/redact erases the season counts and the catalog settings", async () => {
    expect(await db.catalogSeasonCount.count({ where: { shop: world.shop } })).toBeGreaterThan(0);
    await handleShopRedact(world.shop);
    expect(await db.catalogSeasonCount.count({ where: { shop: world.shop } })).toBe(0);
    expect(await db.catalogPublishSettings.count({ where: { shop: world.shop } })).toBe(0);
  });
});
