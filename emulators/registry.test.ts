// Every registered emulator starts on a free port with its defaults, answers its control API, and stops;
// every connector that names an emulator has one here, which also resets and takes a fault. Real HTTP.
import { describe, expect, it } from "vitest";
import { POS_SYSTEMS } from "~/connectors/pos-systems.server";
import { CONNECTORS } from "~/connectors/registry.server";
import nodemailer from "nodemailer";
import SftpClient from "ssh2-sftp-client";
import { emulatorById, emulators, platformEmulatorIds } from "./registry";
import { DEMO_USER as DEMO_SFTP_USER } from "./sftp/index";
import { DEMO_SMTP_USER } from "./smtp/index";

const control = (url: string, path: string) => new URL(`/_emulator/${path}`, url).toString();
const json = async (response: Response) => {
  expect(response.ok).toBe(true);
  return (await response.json()) as Record<string, unknown>;
};
// Clock readings and seed dates move between two reads; what the state holds must not.
const withoutTimes = (state: unknown) =>
  JSON.parse(JSON.stringify(state).replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?/g, "<time>"));

const post = (url: string, body: unknown) => fetch(url, { method: "POST", body: JSON.stringify(body) });
/** A change to each stacked emulator's state, through its own control routes, that a reset must undo. */
const changes: Record<string, (url: string) => Promise<Response>> = {
  shopify: (url) => post(control(url, "shops"), { domain: "registry-probe.myshopify.com" }),
  fastmag: (url) => fetch(new URL("/ediquery.ips", url), { method: "POST", body: "data=SELECT%201" }),
  retailcrm: (url) => post(control(url, "seed"), { orders: [{ externalId: "registry-probe" }] }),
  chronopost: (url) => post(control(url, "parcels"), { number: "XR000000001FR" }),
  tnt: (url) => post(control(url, "parcels"), { number: "GE000000001" }),
  // A shop location added to the Square seller account.
  square: (url) => post(control(url, "seed"), { locations: [{ id: "LPROBE0000001", name: "Probe" }] }),
  // A category added to Tuyo's tree.
  tuyo: (url) =>
    post(control(url, "seed"), {
      categories: [{ productsCategoriesId: 9901, name: "Probe", fk_productsTypesId: 1, subcategories: [] }],
    }),
  // A connection made over SFTP (its control API only reads; the folder's files are the test's).
  sftp: async (url) => {
    const state = (await (await fetch(control(url, "state"))).json()) as { host: string; port: number };
    const client = new SftpClient();
    await client.connect({ host: state.host, port: state.port, ...DEMO_SFTP_USER, readyTimeout: 5_000 });
    await client.end();
    return new Response(null, { status: 200 });
  },
  // A mail received over SMTP (its control API only reads).
  smtp: async (url) => {
    const state = (await (await fetch(control(url, "state"))).json()) as { host: string; port: number };
    const { certificate } = (await (await fetch(control(url, "certificate"))).json()) as { certificate: string };
    await nodemailer
      .createTransport({
        host: state.host,
        port: state.port,
        auth: { user: DEMO_SMTP_USER.username, pass: DEMO_SMTP_USER.password },
        tls: { ca: certificate },
      })
      .sendMail({ from: "probe@example.test", to: "registry@example.test", subject: "probe", text: "probe" });
    return new Response(null, { status: 200 });
  },
};

const connectorEmulators = CONNECTORS.filter((c) => c.emulator).map((c) => [c.id, c.emulator!] as const);
const posEmulators = Object.values(POS_SYSTEMS).flatMap((s) => (s.emulator ? [s.emulator] : []));
const stacked = [
  ...new Set([...connectorEmulators.map(([, emulator]) => emulator), ...posEmulators, ...platformEmulatorIds()]),
];

describe("emulator registry", () => {
  it.each(Object.keys(emulators))("starts and stops %s by id", async (id) => {
    const definition = emulatorById(id);
    expect(definition?.id).toBe(id);
    const running = await definition!.start();
    try {
      const state = await fetch(control(running.url, "state"));
      expect(state.status).toBe(200);
    } finally {
      await running.close();
    }
    await expect(fetch(control(running.url, "state"))).rejects.toThrow();
  });

  it("knows no emulator by an unknown id", () => {
    expect(emulatorById("nowhere")).toBeUndefined();
    expect(emulatorById("toString")).toBeUndefined();
  });

  it("has the emulator every connector names, and the platform ones (Shopify, the carriers)", () => {
    expect(connectorEmulators.map(([id]) => id)).toEqual(expect.arrayContaining(["shopify", "fastmag", "retailcrm"]));
    for (const [connector, emulator] of connectorEmulators) {
      expect(emulatorById(emulator), `connector ${connector} names emulator ${emulator}`).toBeDefined();
    }
    expect(platformEmulatorIds()).toEqual(expect.arrayContaining(["shopify", "chronopost", "tnt"]));
  });

  describe.each(stacked)("%s, as the demo stack starts it", (id) => {
    const start = () => emulatorById(id)!.start();

    it("resets to its seed: a change undone, faults cleared, state as at the start", async () => {
      const running = await start();
      try {
        const initial = await json(await fetch(control(running.url, "state")));
        expect(changes[id], `a state change for ${id} in this test`).toBeDefined();
        expect((await changes[id]!(running.url)).status).toBeLessThan(500);
        const changed = await json(await fetch(control(running.url, "state")));
        expect(withoutTimes(changed)).not.toEqual(withoutTimes(initial));
        const added = await fetch(control(running.url, "faults"), {
          method: "POST",
          body: JSON.stringify({ route: "POST /nowhere", kind: "status", status: 503 }),
        });
        expect(added.status).toBe(201);
        expect((await json(await fetch(control(running.url, "faults")))).faults).toHaveLength(1);

        await json(await fetch(control(running.url, "reset"), { method: "POST" }));
        expect((await json(await fetch(control(running.url, "faults")))).faults).toEqual([]);
        expect(withoutTimes(await json(await fetch(control(running.url, "state"))))).toEqual(withoutTimes(initial));
      } finally {
        await running.close();
      }
    });

    it("takes a fault: the next request answers the injected status, once", async () => {
      const running = await start();
      try {
        const probe = new URL("/registry-probe", running.url).toString();
        const added = await fetch(control(running.url, "faults"), {
          method: "POST",
          body: JSON.stringify({ route: "GET /registry-probe", kind: "status", status: 599, count: 1 }),
        });
        expect(added.status).toBe(201);
        expect((await fetch(probe)).status).toBe(599);
        expect((await fetch(probe)).status).not.toBe(599);
        expect((await json(await fetch(control(running.url, "faults")))).faults).toEqual([]);
      } finally {
        await running.close();
      }
    });
  });
});
