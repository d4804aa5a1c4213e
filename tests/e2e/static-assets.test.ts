// The built app sends its fingerprinted assets from the build's own Brotli and gzip copies
// (scripts/precompress-assets.ts), as the browser prefers, cached for a year; without either it
// sends the file as it is.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const assets = path.resolve(import.meta.dirname, "../../build/client/assets");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-e2e-"));
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

/** The raw answer (no decoding, unlike fetch). */
function get(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get(url, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
  });
}

describe("the built app's assets", () => {
  const stylesheet = fs.readdirSync(assets).find((name) => /^styles-.*\.css$/.test(name))!;
  const original = () => fs.readFileSync(path.join(assets, stylesheet));

  it("has a Brotli and a gzip copy of each large stylesheet and script", () => {
    expect(stylesheet).toBeTruthy();
    const large = fs
      .readdirSync(assets)
      .filter((name) => /\.(js|css)$/.test(name) && fs.statSync(path.join(assets, name)).size >= 1024);
    expect(large.length).toBeGreaterThan(5);
    for (const name of large) {
      expect(fs.existsSync(path.join(assets, `${name}.br`)), name).toBe(true);
      expect(fs.existsSync(path.join(assets, `${name}.gz`)), name).toBe(true);
    }
  });

  it("sends the Brotli copy to a browser that takes it, with its type and a year's cache", async () => {
    const answer = await get(`${app.url}/assets/${stylesheet}`, "gzip, deflate, br, zstd");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toMatch(/^text\/css/);
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(answer.body).equals(original())).toBe(true);
  });

  it("sends gzip when Brotli is refused or not offered, and the file itself when neither is taken", async () => {
    for (const accept of ["gzip", "br;q=0, gzip"]) {
      const answer = await get(`${app.url}/assets/${stylesheet}`, accept);
      expect(answer.headers["content-encoding"], accept).toBe("gzip");
      expect(zlib.gunzipSync(answer.body).equals(original())).toBe(true);
    }
    const plain = await get(`${app.url}/assets/${stylesheet}`);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toMatch(/^text\/css/);
    expect(plain.body.equals(original())).toBe(true);
  });

  it("answers 404 for an asset that does not exist, whatever the encoding", async () => {
    expect((await get(`${app.url}/assets/nothing-here.css`, "br")).status).toBe(404);
    expect((await get(`${app.url}/assets/..%2Fserver%2Findex.js`, "br")).status).toBe(404);
  });
});
