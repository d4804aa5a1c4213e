// The Unmatched SKUs screen in Chromium through the emulated admin: after a full stock run it lists the
// SKUs found on one side only with their totals; Ignore takes one off the list; Link… shows that row's
// list of Shopify SKUs, and Link moves the SKU to the Linked tab.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../../emulators/shopify/catalog";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("unmatched", { configureFastmag: true });
  ({ page, app } = session);
  await page.setViewportSize({ width: 1440, height: 900 });
  // A variant sold on the web only: the stock run finds it in Shopify and not in Fastmag.
  const { store } = session.stack.shopify;
  createProduct(store, store.shop(session.stack.shop), {
    title: "Web-only scarf",
    options: [{ name: "Variant", values: [WEB_ONLY_SKU] }],
    variants: [{ sku: WEB_ONLY_SKU, price: "25.00", options: { Variant: WEB_ONLY_SKU } }],
  });
});

const WEB_ONLY_SKU = "WEBONLY|ROUGE|U";

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
    await openFromAdminMenu(page, app, "Unmatched SKUs");
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

  it("Link… opens the list of Shopify SKUs for that row only; Link moves the SKU to Linked", async () => {
    // The server's page carries no list of Shopify SKUs: each row's list comes when asked for.
    expect(await app.locator("select").count()).toBe(0);
    const choose = app.getByRole("button", { name: /^Choose the Shopify SKU to link / }).first();
    const sku = (await choose.getAttribute("aria-label"))!.replace(/^Choose the Shopify SKU to link (.+) to$/, "$1");
    await choose.click();
    const list = app.getByRole("combobox", { name: `Shopify variant for ${sku}` });
    await expect.poll(async () => list.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await app.locator("select").count()).toBe(1);
    const options = await list.locator("option").allTextContents();
    expect(options).toEqual(["Link to the Shopify SKU…", WEB_ONLY_SKU]);
    await list.selectOption({ label: WEB_ONLY_SKU });
    await app.getByRole("button", { name: `Link ${sku}`, exact: true }).click();
    await app.getByRole("tab", { name: /Linked \(1\)/ }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => app.getByText(sku, { exact: true }).count(), { timeout: 30_000 }).toBe(0);
  });
});
