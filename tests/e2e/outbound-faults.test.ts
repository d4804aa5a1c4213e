// The built app (build/web, as `npm start`) facing an ERP that hangs, cuts the connection, stalls mid-answer or
// answers something that is not HTTP: each call gets a clear 503/502 (JSON on the API, a sentence on
// the settings screen), the process stays up, and the next call succeeds once the ERP is back.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureFastmagThroughSettingsScreen } from "../../scripts/configure-fastmag";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import { startStack, type Stack } from "../../scripts/stack";
import { freePort } from "./support/browser";

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0";
const TIMEOUT_MS = 1_500;

type Mode = "pass" | "reset" | "stall" | "garbage";

/** A TCP stand-in in front of the Fastmag emulator: passes traffic through, or misbehaves. */
async function startFaultyProxy(target: string): Promise<{ url: string; mode: Mode; close(): Promise<void> }> {
  const { port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  const state = { mode: "pass" as Mode };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    // Decided per request (connections are kept alive between calls).
    let upstream: net.Socket | undefined;
    client.on("data", (chunk) => {
      if (state.mode === "pass") {
        if (!upstream) {
          upstream = net.connect(Number(targetPort), "127.0.0.1");
          sockets.add(upstream);
          upstream.on("error", () => client.destroy());
          upstream.pipe(client);
        }
        upstream.write(chunk);
      } else if (state.mode === "reset") client.resetAndDestroy();
      else if (state.mode === "garbage") client.end("THIS IS NOT HTTP\r\n\r\n");
      // Headers and a part of the body, then nothing: the deadline must cover reading the body.
      else
        client.write(
          "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=windows-1252\r\ncontent-length: 5000\r\n\r\nseason\r\n",
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get mode() {
      return state.mode;
    },
    set mode(value: Mode) {
      state.mode = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let stack: Stack;
let proxy: Awaited<ReturnType<typeof startFaultyProxy>>;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-e2e-outbound-"));
  stack = await startStack({
    appPort: await freePort(),
    databaseUrl: `file:${path.join(dir, "e2e.sqlite")}`,
    quiet: true,
    configureFastmag: true,
    appEnv: { FASTMAG_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  proxy = await startFaultyProxy(stack.fastmag.url);
});

afterAll(async () => {
  await proxy?.close();
  await stack?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const headers = () => ({
  authorization: `Bearer ${stack.shopify.mintSessionToken(stack.shop)}`,
  "user-agent": USER_AGENT,
});

async function lookUpProduct(): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const response = await fetch(`${stack.appUrl}/api/fastmag/product-by-gencod?gencod=3700000000017`, {
    headers: headers(),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get("retry-after"),
  };
}

async function testConnectionOnScreen(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(
    routeDataUrl(stack.appUrl, "/app/settings/fastmag", "routes/app.settings.fastmag", "POST"),
    {
      method: "POST",
      headers: { ...headers(), "content-type": "application/x-www-form-urlencoded" },
      body: "intent=test",
    },
  );
  return { status: response.status, body: await readRouteData(response) };
}

async function expectAppServing() {
  const ok = await lookUpProduct();
  expect(ok.status).toBe(200);
  expect(JSON.stringify(ok.body)).toContain("BOXE20BEWARE");
}

describe("outbound failures against the built app", () => {
  it("an ERP that hangs gives a 503 and a plain message, and the app keeps serving", async () => {
    await expectAppServing();
    // Every attempt of the next calls hangs (the client retries reads, so more than one).
    stack.fastmag.setFaults({ timeoutNext: 8 });
    const hung = await lookUpProduct();
    expect(hung.status).toBe(503);
    expect(hung.retryAfter).toBeTruthy();
    expect(String(hung.body.error)).toMatch(/^Fastmag did not answer within 1500 ms\. Check the address/);

    stack.fastmag.setFaults({ timeoutNext: 8 });
    const tested = await testConnectionOnScreen();
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, message: expect.stringMatching(/Fastmag did not answer/) });

    stack.fastmag.setFaults({});
    await expectAppServing();
  });

  it("a cut connection, a stalled answer or an answer that is not HTTP never ends the process", async () => {
    await configureFastmagThroughSettingsScreen({
      appUrl: stack.appUrl,
      sessionToken: () => stack.shopify.mintSessionToken(stack.shop),
      fastmagUrl: proxy.url,
      credentials: stack.fastmagCredentials,
    });
    const expected: Record<Exclude<Mode, "pass">, { status: number; error: RegExp }> = {
      // Classified in plain words (app/lib/merchant-messages.server.ts).
      reset: { status: 503, error: /^Fastmag cut the connection before answering/ },
      stall: { status: 503, error: /within 1500 ms/ },
      garbage: { status: 503, error: /^Fastmag answered something the app cannot read/ },
    };
    for (const [mode, outcome] of Object.entries(expected)) {
      proxy.mode = mode as Mode;
      const failed = await lookUpProduct();
      expect({ mode, status: failed.status }).toEqual({ mode, status: outcome.status });
      expect(String(failed.body.error)).toMatch(outcome.error);
      expect(String(failed.body.error)).not.toContain("NOT HTTP");
      proxy.mode = "pass";
      await expectAppServing();
    }
  });
});
