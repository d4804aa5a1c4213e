// The Logs screen lists app events besides webhooks: runs failed, settings changed, connection tests,
// alerts sent — newest first, paged with its total, filterable by kind.
import { describe, expect, it } from "vitest";
import { listAppEvents, recordAppEvent } from "~/alerts/app-events.server";
import { saveConnectorSettings, recordConnectionCheck } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { runDueJobs } from "~/jobs/worker.server";
import { loader as logsLoader } from "~/routes/app.logs";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const logs = (shop: string, query = "") =>
  logsLoader({ request: adminRequest(shop, `/app/logs${query}`), params: {}, context: {} });

describe("app events on the Logs screen", () => {
  it("records settings saved, connection tests and failed runs where they happen", async () => {
    const shop = uniqueShop("events");
    await installShop(shop);
    await saveConnectorSettings(shop, "fastmag", { host: "https://x.example" }, { motpasse: "s3cret" });
    await recordConnectionCheck(shop, "fastmag", false, "Fastmag refused the login.");
    // A run that cannot run (its settings are not valid) fails.
    await enqueue(db, { shop, type: "stock.full", trigger: "manual", params: { nope: 1 } as never });
    await db.job.updateMany({ where: { shop }, data: { paramsJson: "not json" } });
    await runDueJobs({ db, types: ["stock.full"] });

    const view = await logs(shop);
    expect(view.appEvents.total).toBe(3);
    expect(view.appEvents.items.map((e) => e.kind)).toEqual(["run-failed", "connection-test", "settings-changed"]);
    expect(view.appEvents.items[0]).toMatchObject({
      message: expect.stringContaining("failed"),
      link: expect.stringMatching(/^\/app\/runs\//),
    });
    expect(view.appEvents.items[1]!.message).toBe("Connection test of Fastmag: it failed. Fastmag refused the login.");
    expect(view.appEvents.items[2]).toMatchObject({
      message: "Fastmag settings saved.",
      link: "/app/settings/fastmag",
    });
    expect(JSON.stringify(view.appEvents)).not.toContain("s3cret");
  });

  it("pages newest first with the total, and filters by kind", async () => {
    const shop = uniqueShop("events");
    await installShop(shop);
    const base = Date.now() - 3600_000;
    for (let i = 0; i < 30; i++)
      await recordAppEvent(shop, {
        kind: i % 3 === 0 ? "alert-sent" : "settings-changed",
        message: `event ${i}`,
        at: new Date(base + i * 1000),
      });

    const first = await logs(shop);
    expect(first.appEvents.total).toBe(30);
    expect(first.appEvents.items).toHaveLength(25);
    expect(first.appEvents.items[0]!.message).toBe("event 29");
    const second = await logs(shop, `?after=${encodeURIComponent(first.appEvents.next!)}`);
    expect(second.appEvents.items.map((e) => e.message)).toEqual([
      "event 4",
      "event 3",
      "event 2",
      "event 1",
      "event 0",
    ]);
    expect(second.appEvents.next).toBeNull();

    const alerts = await logs(shop, "?kind=alert-sent");
    expect(alerts.kind).toBe("alert-sent");
    expect(alerts.appEvents.total).toBe(10);
    expect(alerts.appEvents.items.every((e) => e.kind === "alert-sent")).toBe(true);

    const page = await listAppEvents(shop, { kind: "settings-changed", limit: 5 });
    expect(page).toMatchObject({ total: 20, items: expect.any(Array) });
    expect(page.items.map((e) => e.message)).toEqual(["event 29", "event 28", "event 26", "event 25", "event 23"]);
  });
});
