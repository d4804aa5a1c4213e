// The CSV exports as the app serves them (issue 16, point 2): the resource routes under app/routes
// answered for a signed admin request — status, content type, attachment name, the header row in the
// admin's language, times ISO 8601 with the shop's offset — and never another shop's run.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as changesCsv } from "~/routes/app.runs.$id.changes[.]csv";
import { loader as skippedCsv } from "~/routes/app.runs.$id.skipped[.]csv";
import { adminRequest, callRoute, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("csv-routes");
const otherShop = uniqueShop("csv-routes-other");
let jobId = "";
let otherJobId = "";
// 10:00 UTC on a summer day is 12:00 in Paris (UTC+2); in winter, 11:00 (UTC+1).
const SUMMER = new Date("2026-07-01T10:00:00Z");
const WINTER = new Date("2026-12-01T10:00:00Z");

async function runWithRows(forShop: string, tag: string): Promise<string> {
  const job = await db.job.create({
    data: { shop: forShop, type: "stock.full", trigger: "manual", status: "succeeded", runAfter: SUMMER },
  });
  await db.jobChange.createMany({
    data: [
      {
        jobId: job.id,
        shop: forShop,
        entity: "variant",
        externalId: `${tag}-1`,
        field: "available",
        before: "1",
        after: "5",
        at: SUMMER,
      },
      {
        jobId: job.id,
        shop: forShop,
        entity: "variant",
        externalId: `${tag}-2`,
        field: "price",
        before: "9.90",
        after: "=SUM(1)",
        at: WINTER,
      },
    ],
  });
  await db.jobSkippedItem.createMany({
    data: [
      {
        jobId: job.id,
        shop: forShop,
        entity: "variant",
        externalId: `${tag}-3`,
        reason: "No Shopify variant has this SKU.",
        outcome: "skipped",
        createdAt: SUMMER,
      },
      {
        jobId: job.id,
        shop: forShop,
        entity: "row",
        externalId: `${tag}-row`,
        reason: "Could not be read.",
        outcome: "failed",
        createdAt: WINTER,
      },
    ],
  });
  return job.id;
}

const get = (path: string, forShop = shop) =>
  callRoute(() =>
    (path.includes("changes.csv") ? changesCsv : skippedCsv)({
      request: adminRequest(forShop, path),
      params: { id: path.split("/")[3]! },
      context: {},
    }),
  ) as Promise<Response>;

async function csvLines(response: Response): Promise<string[]> {
  // Excel reads the accents right thanks to the byte order mark (which Response.text() would drop).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(1, -2).split("\r\n");
}

beforeAll(async () => {
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await installShop(otherShop, { ianaTimezone: "America/New_York" });
  jobId = await runWithRows(shop, "MINE");
  otherJobId = await runWithRows(otherShop, "THEIRS");
});

describe("CSV exports served by the app", () => {
  it("a run's changes: a CSV attachment, headed, times with the shop's offset, formulas kept as text", async () => {
    const response = await get(`/app/runs/${jobId}/changes.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="changes-${jobId}.csv"`);
    expect(await csvLines(response)).toEqual([
      "entity,item,field,before,after,at",
      "variant,MINE-1,available,1,5,2026-07-01T12:00:00+02:00",
      "variant,MINE-2,price,9.90,'=SUM(1),2026-12-01T11:00:00+01:00",
    ]);
  });

  it("a run's changes filtered, and headed in French for a French admin", async () => {
    const response = await get(`/app/runs/${jobId}/changes.csv?field=price&locale=fr`);
    expect(response.status).toBe(200);
    expect(await csvLines(response)).toEqual([
      "type,élément,champ,avant,après,date",
      "variant,MINE-2,price,9.90,'=SUM(1),2026-12-01T11:00:00+01:00",
    ]);
  });

  it("a run's skipped records, and with ?outcome=failed its failed rows", async () => {
    const skipped = await get(`/app/runs/${jobId}/skipped.csv`);
    expect(skipped.status).toBe(200);
    expect(skipped.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(skipped.headers.get("content-disposition")).toBe(`attachment; filename="skipped-${jobId}.csv"`);
    expect(await csvLines(skipped)).toEqual([
      "entity,external_id,reason,at",
      "variant,MINE-3,No Shopify variant has this SKU.,2026-07-01T12:00:00+02:00",
    ]);
    const failed = await get(`/app/runs/${jobId}/skipped.csv?outcome=failed`);
    expect(failed.headers.get("content-disposition")).toBe(`attachment; filename="failed-${jobId}.csv"`);
    expect(await csvLines(failed)).toEqual([
      "entity,external_id,reason,at",
      "row,MINE-row,Could not be read.,2026-12-01T11:00:00+01:00",
    ]);
  });

  it("another shop's run is not found, and none of its rows is sent", async () => {
    for (const path of [`/app/runs/${otherJobId}/changes.csv`, `/app/runs/${otherJobId}/skipped.csv`]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("THEIRS");
      expect(response.headers.get("content-disposition")).toBeNull();
    }
    // The other shop reads its own, in its own time zone.
    const theirs = await get(`/app/runs/${otherJobId}/changes.csv`, otherShop);
    const lines = await csvLines(theirs);
    expect(lines[1]).toBe("variant,THEIRS-1,available,1,5,2026-07-01T06:00:00-04:00");
    expect(lines.join("\n")).not.toContain("MINE");
  });

  it("without a session token the export is refused", async () => {
    const response = (await callRoute(() =>
      changesCsv({
        request: new Request(`${process.env.SHOPIFY_APP_URL}/app/runs/${jobId}/changes.csv`),
        params: { id: jobId },
        context: {},
      }),
    )) as Response;
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("MINE");
  });
});
