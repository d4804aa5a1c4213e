// What the screens say when something cannot be done: plain words, never a schema's or a library's
// text (zod issues, cron-parser messages, field paths like shopifyOrderId).
import { describe, expect, it } from "vitest";
import { TECHNICAL_TEXT } from "~/lib/merchant-messages.server";
import { action as syncsAction, loader as syncsLoader } from "~/routes/app.syncs._index";
import { action as scheduleAction } from "~/routes/app.syncs.$type";
import { EXPORT_JOB } from "~/sync/orders/orders.server";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const LIBRARY_TEXT = /shopifyOrderId|invalid_type|"code"|Required|Constraint|Validation error|expected|cron-parser/i;

describe("messages a merchant reads", () => {
  it("Run now on a sync made for one order at a time is not offered, and is refused in plain words", async () => {
    const shop = uniqueShop("words");
    await installShop(shop);
    const screen = await syncsLoader({ request: adminRequest(shop, "/app/syncs"), params: {}, context: {} });
    const exportType = screen.types.find((t) => t.type === EXPORT_JOB);
    expect(exportType?.runsAlone).toBe(false);
    expect(screen.types.find((t) => t.type === "stock.full")?.runsAlone ?? true).toBe(true);

    const answer = await syncsAction({
      request: adminRequest(shop, "/app/syncs", { form: { intent: "run-now", type: EXPORT_JOB } }),
      params: {},
      context: {},
    });
    expect(answer.ok).toBe(false);
    const message = (answer as { message: string }).message;
    expect(message).toBe(
      '"Order export" works on one item at a time and starts by itself when one needs it; it cannot be run on its own.',
    );
    expect(message).not.toMatch(LIBRARY_TEXT);
    expect(message).not.toMatch(TECHNICAL_TEXT);
  });

  it("the schedule editor says what is wrong with a cron without the cron library's text", async () => {
    const shop = uniqueShop("words");
    await installShop(shop);
    const answer = await scheduleAction({
      request: adminRequest(shop, "/app/syncs/stock.full", {
        form: { intent: "preview", cron: "61 * * * *", timezone: "Europe/Paris" },
      }),
      params: { type: "stock.full" },
      context: {},
    });
    expect(answer.ok).toBe(false);
    const cronError = (answer as { fieldErrors: Record<string, string> }).fieldErrors.cron ?? "";
    expect(cronError).toMatch(/^This schedule is not valid: use 5 fields/);
    expect(cronError).not.toMatch(LIBRARY_TEXT);
  });
});
