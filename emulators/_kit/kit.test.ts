// The emulator kit over real HTTP: control API, fault injection, clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ControlAnswer,
  ControlError,
  EmulatorClock,
  FaultInjector,
  RawBody,
  startEmulatorServer,
  type EmulatorServer,
} from "./index";

let server: EmulatorServer;
let items: string[] = [];

beforeAll(async () => {
  server = await startEmulatorServer({
    clock: new EmulatorClock(() => Date.UTC(2026, 0, 1)),
    faultBody: (status) => ({ failed: status }),
    control: {
      reset: () => (items = []),
      state: () => ({ items }),
      routes: {
        "POST items/:name": ({ params }) => {
          if (params.name === "bad") throw new ControlError(422, "no bad items");
          items.push(params.name);
          return new ControlAnswer(201, { items });
        },
      },
    },
    handle: async (_req, res, url) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: url.pathname }));
    },
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  await control("POST", "reset");
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/_emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("control API", () => {
  it("runs the emulator's own routes, state and reset", async () => {
    expect(await control("POST", "items/socks")).toEqual({ status: 201, body: { items: ["socks"] } });
    expect(await control("POST", "items/bad")).toEqual({ status: 422, body: { error: "no bad items" } });
    expect((await control("GET", "state")).body).toEqual({ items: ["socks"] });
    await control("POST", "reset");
    expect((await control("GET", "state")).body).toEqual({ items: [] });
    expect((await control("GET", "nothing")).status).toBe(404);
  });

  it("moves, freezes and reports the clock", async () => {
    expect((await control("GET", "clock")).body).toEqual({ now: "2026-01-01T00:00:00.000Z", frozen: false });
    const moved = await control("POST", "clock", { advanceMs: 90_000, freeze: true });
    expect(moved.body).toEqual({ now: "2026-01-01T00:01:30.000Z", frozen: true });
    expect((await control("POST", "clock", { advanceMs: "soon" })).status).toBe(400);
  });

  it("logs emulated calls with their status, without query strings", async () => {
    await fetch(`${server.url}/things?secret=1`);
    expect((await control("GET", "calls")).body.calls).toEqual([
      { at: Date.UTC(2026, 0, 1), method: "GET", path: "/things", status: 200 },
    ]);
  });
});

describe("faults", () => {
  it("answers the next n calls of one route with the status asked, then normally", async () => {
    const added = await control("POST", "faults", { route: "POST /upload", kind: "status", status: 503, count: 2 });
    expect(added.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/upload`, { method: "POST" })).status);
    expect(statuses).toEqual([503, 503, 200]);
    const other = await fetch(`${server.url}/read`);
    expect(other.status).toBe(200);
    expect((await control("GET", "faults")).body).toEqual({ faults: [] });
  });

  it("uses the emulator's error body unless the rule gives one", async () => {
    await control("PUT", "faults", {
      faults: [
        { kind: "status", status: 500, count: 1 },
        { kind: "status", count: 1, body: { x: 1 } },
      ],
    });
    expect(await (await fetch(`${server.url}/a`)).json()).toEqual({ failed: 500 });
    const second = await fetch(`${server.url}/b`);
    expect([second.status, await second.json()]).toEqual([503, { x: 1 }]);
  });

  it("drops the connection on reset and after a bounded hang", async () => {
    await control("POST", "faults", {
      faults: [
        { kind: "reset", count: 1 },
        { route: "/slow/*", kind: "hang", ms: 20, count: 1 },
      ],
    });
    await expect(fetch(`${server.url}/x`)).rejects.toThrow();
    await expect(fetch(`${server.url}/slow/one`)).rejects.toThrow();
    expect((await fetch(`${server.url}/slow/one`)).status).toBe(200);
    const calls = (await control("GET", "calls")).body.calls.map((c: { fault?: string; status: number }) => [
      c.fault,
      c.status,
    ]);
    expect(calls).toEqual([
      ["reset", 0],
      ["hang", 0],
      [undefined, 200],
    ]);
  });

  it("answers a raw (non-JSON) fault body as is, and tells onFault of each injected fault", async () => {
    const told: string[] = [];
    const raw = await startEmulatorServer({
      faultBody: (status) => new RawBody("text/html", `<html>${status}</html>`),
      onFault: (fault, req, url) =>
        told.push(`${req.method} ${url.pathname} ${fault.kind}${fault.kind === "status" ? ` ${fault.status}` : ""}`),
      control: { reset: () => undefined, state: () => ({}) },
      handle: async (_req, res) => void res.writeHead(204).end(),
    });
    try {
      raw.faults.add([
        { route: "GET /page", kind: "status", status: 502, count: 1 },
        { route: "/cut", kind: "reset", count: 1 },
      ]);
      const failed = await fetch(`${raw.url}/page`);
      expect([failed.status, failed.headers.get("content-type"), await failed.text()]).toEqual([
        502,
        "text/html",
        "<html>502</html>",
      ]);
      await expect(fetch(`${raw.url}/cut`)).rejects.toThrow();
      expect((await fetch(`${raw.url}/page`)).status).toBe(204);
      expect(told).toEqual(["GET /page status 502", "GET /cut reset"]);
    } finally {
      await raw.close();
    }
  });

  it("refuses malformed rules and keeps the previous ones", async () => {
    await control("POST", "faults", { kind: "latency", ms: 1 });
    expect((await control("PUT", "faults", { faults: [{ kind: "explode" }] })).status).toBe(400);
    expect((await control("POST", "faults", { kind: "status", status: 200 })).status).toBe(400);
    expect((await control("GET", "faults")).body.faults).toEqual([{ kind: "latency", ms: 1 }]);
  });
});

describe("FaultInjector", () => {
  it("stacks latency with the first terminal rule, each consuming one use", () => {
    const faults = new FaultInjector();
    faults.add([{ kind: "latency", ms: 5, count: 1 }, { route: "GET /a", kind: "hang", count: 1 }, { kind: "reset" }]);
    expect(faults.decide("GET", "/a")).toEqual({ latencyMs: 5, outcome: { kind: "hang", ms: undefined } });
    expect(faults.decide("GET", "/a")).toEqual({ latencyMs: 0, outcome: { kind: "reset" } });
    expect(faults.list()).toEqual([{ kind: "reset" }]);
  });
});

describe("EmulatorClock", () => {
  it("keeps a frozen instant until resumed, then runs from it", () => {
    let real = 1_000;
    const clock = new EmulatorClock(() => real);
    clock.freeze();
    real = 5_000;
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    clock.resume();
    real = 6_000;
    expect(clock.now()).toBe(2_500);
    clock.reset();
    expect(clock.now()).toBe(6_000);
  });
});
