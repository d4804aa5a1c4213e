// Gift cards in Chromium, inside the emulated Shopify admin: the merchant sets up mail, checks a gift
// card sold in Fastmag (Shopify gets it), plans its recipient's mail, sees it arrive in the SMTP
// emulator, and resends it.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { DEMO_SMTP_USER, type SmtpEmulator } from "../../emulators/smtp/index";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let smtp: SmtpEmulator;

beforeAll(async () => {
  session = await startE2eSession("gift-cards", { configureFastmag: true });
  ({ stack, page, app } = session);
  smtp = stack.emulators.smtp!;
});

afterAll(async () => {
  await session?.close();
});

/** Queues the mail job now (as an ERP or the Syncs screen would) and waits for it to finish. */
async function sendDueMails(): Promise<void> {
  const headers = {
    authorization: `Bearer ${stack.shopify.mintSessionToken(stack.shop)}`,
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0",
    "content-type": "application/json",
  };
  const queued = await fetch(`${stack.appUrl}/api/sync/giftcards.mails`, { method: "POST", headers, body: "{}" });
  expect(queued.status).toBe(202);
  const { jobId } = (await queued.json()) as { jobId: string };
  await expect
    .poll(
      async () => {
        const job = (await (await fetch(`${stack.appUrl}/api/jobs/${jobId}`, { headers })).json()) as {
          status: string;
        };
        return job.status;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe("succeeded");
}

describe("gift cards", () => {
  it("checks a gift card, mails its recipient through SMTP, and resends the mail", async () => {
    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });

    await openFromAdminMenu(page, app, "Mail");
    await app.getByLabel("Host").fill(smtp.host);
    await app.getByLabel("Port").fill(String(smtp.port));
    await app.getByLabel("User").fill(DEMO_SMTP_USER.username);
    await app.getByLabel("Password").fill(DEMO_SMTP_USER.password);
    await app.getByLabel("From").fill('"Maison Démo" <boutique@maison-demo.test>');
    await app.getByLabel("Certificate to trust (PEM, optional)").fill(smtp.certificate);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Mail settings saved").waitFor({ timeout: 30_000 });
    await app.getByLabel("Send to").fill("marchand@maison-demo.test");
    await app.getByRole("button", { name: "Send test mail" }).click();
    await app.getByText("Test mail sent to marchand@maison-demo.test").waitFor({ timeout: 30_000 });
    await screenshot(page, "mail-settings-test-sent");

    await openFromAdminMenu(page, app, "Gift cards");
    await app.getByLabel("Code", { exact: true }).fill("CADEAU-0001");
    await app.getByRole("button", { name: "Check", exact: true }).first().click();
    await app.getByText("Gift card CADEAU-0001 was created in Shopify.").waitFor({ timeout: 30_000 });
    await app.getByText("In Shopify", { exact: true }).waitFor();
    await screenshot(page, "gift-card-checked");

    await app.getByRole("button", { name: "Mail to a recipient" }).click();
    await app.getByLabel("Recipient's e-mail").fill("eleni@example.test");
    await app.getByLabel("Recipient's name").fill("Ελένη");
    await app.getByLabel("From (giver)").fill("Hélène");
    await app.getByLabel("Language (fr, en, el)").fill("el");
    await app.getByLabel("Giver's message").fill("Χρόνια πολλά! Bon anniversaire.");
    await app.getByRole("button", { name: "Plan the mail" }).click();
    await app.getByText("The mail to eleni@example.test is planned.").waitFor({ timeout: 30_000 });

    await sendDueMails();
    const [mail] = smtp.messages({ to: "eleni@example.test" });
    expect(mail!.subject).toMatch(/^Hélène σας χαρίζει μια δωροκάρτα /);
    expect(mail!.headers.subject![0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(mail!.text).toContain("CADEAU-0001");
    expect(mail!.text).toContain("Χρόνια πολλά! Bon anniversaire.");
    expect(mail!.html).toContain("CADEAU-0001");

    await page.reload();
    await app.getByText("Mail sent").first().waitFor({ timeout: 30_000 });
    await screenshot(page, "gift-card-mail-sent");
    // Resend works once React runs the page.
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });

    await app.getByRole("button", { name: "Resend" }).click();
    await app.getByText("A new mail to eleni@example.test is planned for now.").waitFor({ timeout: 30_000 });
    await sendDueMails();
    expect(smtp.messages({ to: "eleni@example.test" })).toHaveLength(2);
    await page.reload();
    await app.getByText("Mail sent").first().waitFor({ timeout: 30_000 });
    await screenshot(page, "gift-card-resent");

    await openFromAdminMenu(page, app, "Mail");
    await app.getByText("Mails sent").waitFor({ timeout: 30_000 });
    await app.getByText("Mails sent").scrollIntoViewIfNeeded();
    await screenshot(page, "mail-log");
  });
});
