// The Unmatched SKUs screen in Chromium through the emulated admin: after a full stock run it lists the
// SKUs found on one side only with their totals; Ignore takes one off the list.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import { screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("unmatched", { configureFastmag: true });
  ({ page, app } = session);
  await page.setViewportSize({ width: 1440, height: 900 });
});

afterAll(async () => {
  await session?.close();
});

const stack = () => session.stack;

async function call(path: string, route: string, form?: Record<string, string>) {
  const response = await fetch(routeDataUrl(stack().appUrl, path, route, form ? "POST" : "GET"), {
    method: form ? "POST" : "GET",
    headers: {
      authorization: `Bearer ${stack().shopify.mintSessionToken(stack().shop)}`,
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0",
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return readRouteData(response, form ? undefined : route);
}

describe("Unmatched SKUs", () => {
  it("lists what the full stock run found on one side only; Ignore takes a SKU off the list", async () => {
    const started = await call("/app/syncs", "routes/app.syncs._index", { intent: "run-now", type: "stock.full" });
    expect(started).toMatchObject({ ok: true });
    await expect
      .poll(
        async () =>
          ((await call(`/app/runs/${String(started.jobId)}`, "routes/app.runs.$id")).job as { status: string }).status,
        { timeout: 60_000, interval: 500 },
      )
      .toMatch(/^succeeded/);

    await page.goto(stack().adminUrl);
    await app.getByText(stack().shop).first().waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Unmatched SKUs" }).click();
    await app.getByRole("heading", { name: "Unmatched SKUs", exact: true }).waitFor({ timeout: 30_000 });
    const ignore = app.getByRole("button", { name: /^Ignore / });
    await ignore.first().waitFor({ timeout: 30_000 });
    const label = (await ignore.first().getAttribute("aria-label"))!;
    const sku = label.replace(/^Ignore /, "");
    const box = (await ignore.first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    await screenshot(page, "unmatched");

    await ignore.first().click();
    await expect
      .poll(async () => app.getByRole("button", { name: `Ignore ${sku}`, exact: true }).count(), { timeout: 30_000 })
      .toBe(0);
    await app.getByRole("tab", { name: /Ignored \(1\)/ }).waitFor({ timeout: 30_000 });
  });
});
