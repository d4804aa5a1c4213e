// The built app's output (the access log and our own log lines) never carries a secret:
// Shopify's signatures and session tokens in query strings, API tokens, bearer credentials.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient } from "~/db.server";
import { signCallbackQuery } from "~/shopify/callback-signature.server";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "access-log-e2e-"));
const databaseUrl = `file:${path.join(dir, "app.sqlite")}`;
const shop = "access-log.myshopify.com";
const apiToken = "psk_accesslogtesttoken0123456789abcd";
let app: BuiltApp;

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  await db.apiToken.create({
    data: { shop, name: "e2e", tokenHash: createHash("sha256").update(apiToken).digest("hex"), lastFour: "abcd" },
  });
  await db.$disconnect();
  app = await startBuiltApp({ DATABASE_URL: databaseUrl });
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the built app's output", () => {
  it("logs each request without hmac, signature, id_token or tokens", async () => {
    const secret = HARMLESS_APP_ENV.SHOPIFY_API_SECRET!;
    const stock = new URL(`${app.url}/fulfillment/fetch_stock.json`);
    stock.searchParams.set("shop", shop);
    stock.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
    const signedStock = signCallbackQuery(stock, secret);
    expect((await fetch(signedStock)).status).toBe(200);

    const idToken = "eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiZSJ9.c2lnbmF0dXJlLXBhcnQ";
    const query = `embedded=1&host=YWRtaW4&id_token=${idToken}&shop=${shop}&timestamp=1`;
    const hmac = createHmac("sha256", secret).update(query).digest("hex");
    await fetch(`${app.url}/app?${query}&hmac=${hmac}`, { redirect: "manual" });
    await fetch(`${app.url}/auth/login?shop=${shop}&signature=deadbeef`, { redirect: "manual" });
    const started = await fetch(`${app.url}/api/sync/maintenance.prune-job-history?token=${apiToken}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(started.status).toBe(202);

    // The access log writes a line once each response has finished.
    await expect.poll(() => app.output().match(/\/api\/sync\//g)?.length ?? 0, { timeout: 10_000 }).toBe(1);
    const output = app.output();
    expect(output).toContain("/fulfillment/fetch_stock.json");
    for (const secretText of ["hmac", "signature", "id_token", idToken, "psk_", apiToken, hmac, "deadbeef"]) {
      expect({ secretText, found: output.includes(secretText) }).toEqual({ secretText, found: false });
    }
  });
});
