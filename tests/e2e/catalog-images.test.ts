// Product photos and publishing in Chromium, inside the emulated Shopify admin: the merchant sets up
// Settings → SFTP photos (the host key is pinned by Test connection), runs "Product images" from the
// Syncs screen and the photos arrive on the Shopify product; then the Ready to sell screen lists the
// draft product as ready and "Publish now" makes it ACTIVE on the sales channels.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import type { Stack } from "../../scripts/stack";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;

const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(seed.repeat(300))]);

beforeAll(async () => {
  session = await startE2eSession("catalog-images");
  ({ stack, page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

function demoProduct() {
  const shop = stack.shopify.store.shop(stack.shop);
  const product = [...shop.products.values()].find((p) =>
    p.variantIds.some((id) => /^[^|]+\|[^|]+\|/.test(shop.variants.get(id)?.sku ?? "")),
  )!;
  const sku = shop.variants.get(product.variantIds[0]!)!.sku!;
  const [ref, color] = sku.split("|") as [string, string];
  return { shop, product, ref, color };
}

describe("catalog images and publishing", () => {
  it("sets up the SFTP folder, syncs its photos onto the product, and publishes the ready product", async () => {
    const sftp = stack.emulators.sftp!;
    const { shop, product, ref, color } = demoProduct();
    const safe = (text: string) => text.replace(/[^A-Za-z0-9-]/g, "-");
    // The demo's colours may hold spaces: a pattern without a colour keeps the test about the flow.
    await fs.writeFile(path.join(sftp.root, `${safe(ref)}-1.jpg`), jpeg("one"));
    await fs.writeFile(path.join(sftp.root, `${safe(ref)}-2.jpg`), jpeg("two"));

    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Settings");
    await app.getByRole("link", { name: "SFTP photos" }).first().click();
    // By role: once a host key is pinned, a checkbox about it also mentions the server.
    await app.getByRole("textbox", { name: "Server" }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByRole("textbox", { name: "Server" }).fill(sftp.host);
    await app.getByLabel("Port").fill(String(sftp.port));
    await app.getByLabel("User").fill("passerelle");
    await app.getByLabel("Password").fill("passerelle-demo");
    await app.getByLabel("File names").fill("{REF}-{N}.jpg");
    await app.getByLabel("SKUs").fill(`{REF}|${color}|{SIZE}`);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("SFTP settings saved").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Test connection" }).click();
    await app.getByText(new RegExp(`Connected: .*Host key ${sftp.hostKey.fingerprint.replace(/[+/]/g, ".")}`)).waitFor({
      timeout: 30_000,
    });
    await screenshot(page, "sftp-settings-connected");

    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Product images" });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Product images" }).click();
    await expect
      .poll(
        () =>
          [...merchandisingOf(stack.shopify.store, shop).media.values()].filter(
            (m) => m.productId === product.id && m.status === "READY",
          ).length,
        {
          timeout: 60_000,
        },
      )
      .toBe(2);

    // Make the product a draft ready to sell.
    product.status = "DRAFT";
    product.descriptionHtml = "<p>Photographed and described.</p>";
    const now = stack.shopify.store.timestamp();
    merchandisingOf(stack.shopify.store, shop).metafields.set(
      product.id,
      new Map([
        [
          "passerelle.fastmag_id",
          {
            id: stack.shopify.store.nextId(),
            namespace: "passerelle",
            key: "fastmag_id",
            type: "single_line_text_field",
            value: ref,
            createdAt: now,
            updatedAt: now,
          },
        ],
      ]),
    );
    await openFromAdminMenu(page, app, "Ready to sell");
    await app.getByRole("heading", { name: "Ready to sell" }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByText("Ready", { exact: true }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "catalog-readiness");
    await app.getByRole("button", { name: /Publish now/ }).click();
    await app.getByText("Publishing the ready products now").waitFor({ timeout: 30_000 });
    // Set ACTIVE, then published: wait for both.
    await expect
      .poll(
        () => [product.status, (merchandisingOf(stack.shopify.store, shop).published.get(product.id)?.size ?? 0) > 0],
        {
          timeout: 60_000,
        },
      )
      .toEqual(["ACTIVE", true]);
  });
});
