// The layering rules in eslint.config.js (docs/decisions/0003-layers.md) are enforced by lint: these
// sources, linted as if they were files at the given paths, must be refused or accepted.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

// The first lint loads the config, the TypeScript parser and the plugins (seconds on a busy machine):
// done here, so no single test pays for it within its own timeout.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText("export {};\n", { filePath: path.join(root, "app/routes/warm-up.tsx") });
}, 60_000);

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("routes never import the database or a connector", () => {
  it.each([
    'import { db } from "~/db.server";',
    'import { db } from "../db.server";',
    'import type { Db } from "../db.server";',
    'import { isUniqueViolation } from "../db/errors";',
    'import { applyMigrations } from "~/db/migrations.server";',
    'import { exploreFastmag } from "../connectors/fastmag/explorer.server";',
    'import { CONNECTORS } from "~/connectors/registry.server";',
  ])("refuses %s", async (line) => {
    const errors = await layerErrors("app/routes/app.fixture.tsx", `${line}\nexport const loader = () => null;\n`);
    expect(errors).toEqual([expect.stringContaining("never import the database or a connector")]);
  });

  it("accepts a route that calls a use-case", async () => {
    const source =
      'import { ordersScreen } from "../sync/orders/screens.server";\nexport const loader = () => ordersScreen;\n';
    expect(await layerErrors("app/routes/app.fixture.tsx", source)).toEqual([]);
  });

  it("leaves use-case modules free to use the database", async () => {
    const source = 'import { db } from "../db.server";\nexport const rows = () => db;\n';
    expect(await layerErrors("app/shops/fixture.server.ts", source)).toEqual([]);
  });
});

describe("the job engine never imports a sync", () => {
  it("refuses app/jobs importing app/sync", async () => {
    const source = 'import { stockJob } from "../sync/stock-jobs.server";\nexport const x = stockJob;\n';
    expect(await layerErrors("app/jobs/fixture.server.ts", source)).toEqual([
      expect.stringContaining("app/jobs is the engine"),
    ]);
  });

  it("accepts app/jobs importing its own modules", async () => {
    const source = 'import { enqueue } from "./queue.server";\nexport const x = enqueue;\n';
    expect(await layerErrors("app/jobs/fixture.server.ts", source)).toEqual([]);
  });
});

// The engine, the syncs and the domain types speak of capabilities, never of one vendor: what is
// Fastmag's lives in app/connectors/fastmag/ (code, comments and READMEs alike).
describe("no vendor name in the neutral layers", () => {
  const NEUTRAL = ["app/sync", "app/jobs", "app/domain"];
  // Every system with a connector (carriers are reached as trackers, by design, and are not listed).
  const VENDOR = /fastmag|retailcrm|tuyo|\bsquare\b|hiboutik|lightspeed/i;

  function filesUnder(dir: string): string[] {
    return fs
      .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  }

  it("finds files to check in each neutral folder", () => {
    for (const dir of NEUTRAL) expect(filesUnder(dir).length, dir).toBeGreaterThan(0);
  });

  it("finds no mention of Fastmag, RetailCRM, Tuyo or the POS systems in app/sync, app/jobs or app/domain", () => {
    const mentions = NEUTRAL.flatMap(filesUnder).flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (VENDOR.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(mentions).toEqual([]);
  });

  it("has the layer import rules switched on where they apply", async () => {
    for (const file of [
      "app/routes/app.fixture.tsx",
      "app/jobs/fixture.server.ts",
      "app/sync/fixture.server.ts",
      "app/domain/fixture.ts",
    ]) {
      const config = (await eslint.calculateConfigForFile(path.join(root, file))) as {
        rules: Record<string, [number, unknown]>;
      };
      expect(config.rules["no-restricted-imports"]?.[0], file).toBe(2);
    }
  });

  it.each([
    ["app/sync/fixture.server.ts", 'import { fastmagStockSource } from "../connectors/fastmag/capabilities.server";'],
    ["app/sync/orders/fixture.server.ts", 'import { retailcrm } from "../../connectors/retailcrm/connector.server";'],
    ["app/domain/fixture.ts", 'import type { FastmagSettings } from "../connectors/fastmag/settings.server";'],
    ["app/jobs/fixture.server.ts", 'import { fastmag } from "~/connectors/fastmag/connector.server";'],
  ])("refuses %s importing a connector folder", async (file, line) => {
    expect(await layerErrors(file, `${line}\nexport const x = 1;\n`)).toEqual([
      expect.stringContaining("through the registry"),
    ]);
  });

  it("lets a use-case ask the registry, and reach the carriers' trackers", async () => {
    const source =
      'import { providerFor } from "../../connectors/registry.server";\n' +
      'import { chronopostTrackingUrl } from "../../connectors/chronopost/client.server";\n' +
      "export const x = [providerFor, chronopostTrackingUrl];\n";
    expect(await layerErrors("app/sync/orders/fixture.server.ts", source)).toEqual([]);
  });
});
