// Alerts in Chromium, inside the emulated Shopify admin: the Dashboard's setup checklist, mail set up,
// alerts chosen on the Alerts screen, a run made to fail by a Fastmag emulator fault, the alert mail
// read back from the SMTP emulator (its HTML rendered in the browser), and the app events on Logs.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { DEMO_SMTP_USER, type SmtpEmulator } from "../../emulators/smtp/index";
import { screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let smtp: SmtpEmulator;

beforeAll(async () => {
  session = await startE2eSession("alerts", { configureFastmag: true });
  ({ stack, page, app } = session);
  smtp = stack.emulators.smtp!;
});

afterAll(async () => {
  await session?.close();
});

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

    await page.getByRole("link", { name: "Alerts" }).click();
    await app.getByLabel("Mail alerts to").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Mail alerts to").fill("gerant@maison-demo.test");
    await app.getByLabel("Language of the mails").selectOption("en");
    await app.getByLabel("Quiet period (minutes)").fill("30");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Alert settings saved").waitFor({ timeout: 30_000 });

    stack.fastmag.setFaults({ koNext: 1_000, koMessage: "Identification incorrecte" });
    await page.getByRole("link", { name: "Syncs" }).click();
    const card = app.getByRole("region", { name: "Stock (full)" });
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

    await page.getByRole("link", { name: "Logs" }).click();
    await app.getByText("App events").waitFor({ timeout: 30_000 });
    await app.getByText("Stock (full) failed", { exact: false }).first().waitFor({ timeout: 30_000 });
    await app.getByText("mailed to gerant@maison-demo.test", { exact: false }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "logs-app-events");
  });
});
