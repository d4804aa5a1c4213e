// Alerts in Chromium, inside the emulated Shopify admin: the Dashboard's setup checklist, mail set up,
// alerts chosen on the Alerts screen, a run made to fail by a Fastmag emulator fault, the alert mail
// read back from the SMTP emulator (its HTML rendered in the browser), and the app events on Logs; then
// a webhook address set on the Alerts screen, a Shopify webhook the app cannot process posted there
// signed with the secret the screen showed once; and a daily digest gathering several failures in one
// mail, a repeat within the quiet period left out.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import type { Stack } from "../../scripts/stack";
import { DEMO_SMTP_USER, type SmtpEmulator } from "../../emulators/smtp/index";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let smtp: SmtpEmulator;
let db: ReturnType<typeof createPrismaClient>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const MERCHANT = "gerant@maison-demo.test";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The merchant's own endpoint for alerts: keeps each POST and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  session = await startE2eSession("alerts", { configureFastmag: true });
  ({ stack, page, app } = session);
  smtp = stack.emulators.smtp!;
  receiver = await startReceiver();
  db = createPrismaClient(stack.databaseUrl);
  // The shop's scheduled syncs (prices at :40, orders at :20, :35, :50…) would meet the Fastmag faults
  // these tests set and fail too, each an alert of its own: only the runs the tests start may fail.
  await db.schedule.updateMany({ where: { shop: stack.shop }, data: { enabled: false } });
  const deadline = Date.now() + 60_000;
  while ((await db.job.count({ where: { shop: stack.shop, status: { in: ["queued", "running"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("the shop's jobs did not finish");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  await db?.$disconnect();
  await receiver?.close();
  await session?.close();
});

/** Reloads the page until `ready` holds (screens show what the database held when they loaded). */
async function reloadUntil(ready: () => Promise<boolean>, heading: string) {
  await expect
    .poll(
      async () => {
        await page.reload();
        await app.getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 30_000 });
        return ready();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
}

describe("alerts", () => {
  it("mails the merchant when a run fails, and shows it in Logs", async () => {
    await page.goto(stack.adminUrl);
    await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
    await app.getByText("Set up Passerelle").waitFor({ timeout: 30_000 });
    await app.getByText("Run a first stock sync").waitFor();
    await expect(app.getByRole("link", { name: "Open the stock sync" }).getAttribute("href")).resolves.toContain(
      "/app/syncs/stock.full",
    );
    await screenshot(page, "dashboard-checklist");

    await page.getByRole("link", { name: "Mail", exact: true }).click();
    await app.getByLabel("Host").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Host").fill(smtp.host);
    await app.getByLabel("Port").fill(String(smtp.port));
    await app.getByLabel("User").fill(DEMO_SMTP_USER.username);
    await app.getByLabel("Password").fill(DEMO_SMTP_USER.password);
    await app.getByLabel("From").fill('"Maison Démo" <boutique@maison-demo.test>');
    await app.getByLabel("Certificate to trust (PEM, optional)").fill(smtp.certificate);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app
      .getByText("Mail settings saved")
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, "alerts-mail-save-failed");
        throw error;
      });

    await openFromAdminMenu(page, app, "Alerts");
    await app.getByLabel("Mail alerts to").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Mail alerts to").fill(MERCHANT);
    await app.getByLabel("Language of the mails").selectOption("en");
    await app.getByLabel("Quiet period (minutes)").fill("30");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Alert settings saved").waitFor({ timeout: 30_000 });

    stack.fastmag.setFaults({ koNext: 1_000, koMessage: "Identification incorrecte" });
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    // "Run now" submits from a click handler: a click before the page is hydrated does nothing (no run,
    // no mail). Under load that is what happened; the card first, so the hydrated page is this one.
    await card.waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Stock (full)" }).click({ timeout: 30_000 });
    await expect
      .poll(() => smtp.messages({ to: "gerant@maison-demo.test" }).length, { timeout: 60_000, interval: 250 })
      .toBe(1);
    stack.fastmag.setFaults({});
    const [mail] = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mail!.subject).toContain("“Stock (full)” failed");
    expect(mail!.html).toContain('lang="en"');

    const mailPage = await page.context().newPage();
    await mailPage.setContent(mail!.html!);
    await mailPage.getByText("The sync “Stock (full)” failed").waitFor();
    await screenshot(mailPage, "alert-mail");
    await mailPage.close();

    // The mail is out before the send job records it: Logs shows the event once that is written.
    await openFromAdminMenu(page, app, "Logs");
    await app.getByText("App events").waitFor({ timeout: 30_000 });
    await reloadUntil(async () => (await app.getByText(`mailed to ${MERCHANT}`, { exact: false }).count()) > 0, "Logs");
    await app.getByText("Stock (full) failed", { exact: false }).first().waitFor({ timeout: 30_000 });
    await app.getByText(`mailed to ${MERCHANT}`, { exact: false }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "logs-app-events");
  });

  it("posts a signed alert to the merchant's webhook when a Shopify webhook cannot be processed", async () => {
    smtp.reset();
    await openFromAdminMenu(page, app, "Alerts");
    await app.getByLabel("Webhook address (optional)").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Webhook address (optional)").fill(`${receiver.url}/alerts`);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Alert settings saved").waitFor({ timeout: 30_000 });
    // The signing secret is shown this once, by the save that made it.
    const secret = ((await app.getByTestId("alerts-signing-secret").textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_/);

    // Shopify delivers an orders/create that names no order: recorded, then given up by the processor.
    const attempts = await stack.shopify.deliverWebhook({
      shop: stack.shop,
      topic: "orders/create",
      payload: { name: "#E2E-NO-ID" },
    });
    expect(attempts.map((a) => a.status)).toEqual([200]);
    await expect.poll(() => receiver.received.length, { timeout: 60_000, interval: 250 }).toBe(1);
    const post = receiver.received[0]!;
    expect(post.headers["content-type"]).toBe("application/json");
    const timestamp = String(post.headers["x-passerelle-timestamp"]);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
    expect(post.headers["x-passerelle-signature"]).toBe(
      `v1=${createHmac("sha256", secret).update(`${timestamp}.${post.body}`).digest("hex")}`,
    );
    expect(JSON.parse(post.body)).toMatchObject({
      shop: stack.shop,
      digest: "immediate",
      alerts: [
        {
          kind: "webhook-failed",
          subject: "Shopify webhook orders/create",
          detail: "Given up after 1 attempt: orders/create without an order id",
          link: expect.stringContaining("/app/logs?status=failed"),
        },
      ],
    });
    // The same alert by mail, once.
    await expect.poll(() => smtp.messages({ to: MERCHANT }).length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(smtp.messages({ to: MERCHANT })[0]!.subject).toContain(
      "“Shopify webhook orders/create” could not be processed",
    );

    // The Alerts screen lists it (one list item an alert), sent.
    const row = app.getByRole("listitem").filter({ hasText: "Shopify webhook orders/create" });
    await reloadUntil(async () => (await row.getByText("Sent", { exact: true }).count()) > 0, "Alerts");
    await row.getByText("orders/create without an order id", { exact: false }).waitFor();
    await screenshot(page, "alerts-webhook");
  });

  it("gathers the failures of the day in one digest mail; a repeat within the quiet period is not listed again", async () => {
    smtp.reset();
    receiver.received.length = 0;
    const since = new Date();
    await app.getByLabel("When", { exact: true }).selectOption("daily");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Alert settings saved").waitFor({ timeout: 30_000 });

    // A sync fails…
    stack.fastmag.setFaults({ koNext: 1_000, koMessage: "Identification incorrecte" });
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (changes only)" });
    await card.waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Stock (changes only)" }).click({ timeout: 30_000 });
    const recorded = () =>
      db.alert.findMany({ where: { shop: stack.shop, createdAt: { gte: since } }, orderBy: { createdAt: "asc" } });
    await expect.poll(async () => (await recorded()).length, { timeout: 90_000, interval: 250 }).toBe(1);
    stack.fastmag.setFaults({});
    // …and Shopify sends two orders/cancelled the app cannot process, the second within the quiet period.
    for (const name of ["#E2E-CANCEL-1", "#E2E-CANCEL-2"]) {
      const attempts = await stack.shopify.deliverWebhook({
        shop: stack.shop,
        topic: "orders/cancelled",
        payload: { name },
      });
      expect(attempts.map((a) => a.status)).toEqual([200]);
      await expect
        .poll(async () => (await recorded()).filter((a) => a.kind === "webhook-failed").length, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe(name.endsWith("1") ? 1 : 2);
    }
    expect((await recorded()).map((a) => [a.kind, a.title, a.status])).toEqual([
      ["run-failed", "Stock (changes only)", "pending"],
      ["webhook-failed", "Shopify webhook orders/cancelled", "pending"],
      ["webhook-failed", "Shopify webhook orders/cancelled", "quiet"],
    ]);
    expect(smtp.messages()).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);

    // The digest goes at the end of the day (midnight UTC): its queued job is brought forward to now.
    const brought = await db.job.updateMany({
      where: { shop: stack.shop, type: "alerts.digest", status: "queued" },
      data: { runAfter: new Date() },
    });
    expect(brought.count).toBe(1);
    await expect.poll(() => smtp.messages({ to: MERCHANT }).length, { timeout: 60_000, interval: 250 }).toBe(1);
    const [mail] = smtp.messages({ to: MERCHANT });
    expect(mail!.subject).toContain("2 alerts today");
    expect((mail!.text ?? "").match(/The sync “Stock \(changes only\)” failed/g)).toHaveLength(1);
    expect((mail!.text ?? "").match(/“Shopify webhook orders\/cancelled” could not be processed/g)).toHaveLength(1);
    await expect.poll(() => receiver.received.length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      digest: "daily",
      alerts: [{ kind: "run-failed" }, { kind: "webhook-failed", subject: "Shopify webhook orders/cancelled" }],
    });
    // Marked sent once both went out (the send job writes that after the POST).
    await expect
      .poll(async () => (await recorded()).map((a) => a.status), { timeout: 30_000, interval: 250 })
      .toEqual(["sent", "sent", "quiet"]);

    const mailPage = await page.context().newPage();
    await mailPage.setContent(mail!.html!);
    await mailPage.getByText("The sync “Stock (changes only)” failed").waitFor();
    await screenshot(mailPage, "alert-digest-mail");
    await mailPage.close();
  });
});
