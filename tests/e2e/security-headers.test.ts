// Every response of the built app carries frame-ancestors, nosniff and a referrer policy: pages,
// JSON API answers, webhook answers and static files. Embedded pages keep Shopify's framing rule.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../scripts/stack";
import { freePort } from "./support/browser";

let stack: Stack;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-e2e-headers-"));
  stack = await startStack({
    appPort: await freePort(),
    databaseUrl: `file:${path.join(dir, "e2e.sqlite")}`,
    quiet: true,
  });
});

afterAll(async () => {
  await stack?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0";

async function headersOf(pathname: string, init: RequestInit = {}) {
  const response = await fetch(`${stack.appUrl}${pathname}`, {
    redirect: "manual",
    ...init,
    headers: { "user-agent": USER_AGENT, ...init.headers },
  });
  await response.arrayBuffer();
  return { status: response.status, headers: response.headers };
}

describe("security headers", () => {
  it("are on pages, JSON API and webhook answers, and static files", async () => {
    const answers = {
      landing: await headersOf("/"),
      api: await headersOf("/api/jobs/123"),
      apiPost: await headersOf("/api/sync/stock.full", { method: "POST", body: "{}" }),
      webhook: await headersOf("/webhooks/app/uninstalled", { method: "POST", body: "{}" }),
      asset: await headersOf("/favicon.svg"),
      missing: await headersOf("/no/such/page"),
    };
    for (const [name, { headers }] of Object.entries(answers)) {
      expect(headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(headers.get("referrer-policy"), name).toBe("strict-origin-when-cross-origin");
      expect(headers.get("content-security-policy"), name).toBe("frame-ancestors 'none';");
    }
    expect(answers.api.status).toBe(401);
  });

  it("let the shop's admin frame the embedded pages", async () => {
    const host = Buffer.from(`admin.shopify.com/store/${stack.shop.replace(".myshopify.com", "")}`).toString(
      "base64url",
    );
    const token = stack.shopify.mintSessionToken(stack.shop);
    const page = await headersOf(`/app?shop=${stack.shop}&embedded=1&host=${host}&id_token=${token}`);
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`https://${stack.shop}`);
    expect(policy).toContain(stack.shopify.url);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");

    // Without a session token the library answers itself; the admin may still frame that answer.
    const bounce = await headersOf(`/app?shop=${stack.shop}&embedded=1&host=${host}`);
    const fallback = bounce.headers.get("content-security-policy") ?? "";
    expect(fallback).toMatch(/^frame-ancestors /);
    expect(fallback).toContain("https://admin.shopify.com");
    expect(fallback).toContain(stack.shopify.url);
    expect(fallback).not.toContain("'none'");
  });
});
