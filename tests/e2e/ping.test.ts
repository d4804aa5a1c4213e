// The built app (`npm start`'s server) answers monitors at /ping: no Shopify login, JSON, never
// cached, the web process's security headers, the version with the commit the build was made from.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json";
import { applyMigrations } from "~/db/migrations.server";
import type { HealthReport } from "~/health/health.server";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ping-e2e-"));
const databaseUrl = `file:${path.join(dir, "app.sqlite")}`;
let app: BuiltApp;

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  app = await startBuiltApp({ DATABASE_URL: databaseUrl });
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /ping on the built app", () => {
  it("answers 200 JSON without authentication, never cached, with the security headers", async () => {
    const response = await fetch(`${app.url}/ping`, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'none';");
    const body = (await response.json()) as HealthReport;
    expect(body).toMatchObject({
      healthy: true,
      failing: [],
      database: { reachable: true },
      jobs: { due: 0, oldestDueSeconds: null },
      webhooks: { due: 0, oldestDueSeconds: null },
    });
    expect(body.version.app).toBe(packageJson.version);
    // Written into the build by vite.config.ts (git or SOURCE_COMMIT), not asked per request.
    expect(body.version.commit).toMatch(/^\S{7,}$/);
    expect(body.connectors!.map((c) => c.id)).toEqual(expect.arrayContaining(["shopify", "fastmag", "retailcrm"]));

    const head = await fetch(`${app.url}/ping`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("cache-control")).toBe("no-store");
    expect(await head.text()).toBe("");

    const post = await fetch(`${app.url}/ping`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(await post.json()).toEqual({ error: "Use GET, HEAD." });
  });
});
