// Debian's Chromium driven by playwright-core (Playwright cannot download its own browsers here).
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser, type FrameLocator, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../../test-results/screenshots");

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules` to reach an emulated storefront. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (bash .ci/run does it)`);
  }
  // Playwright gives each launch a fresh, empty profile of its own.
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** A page with the user agent of an ordinary Chrome: Shopify's library treats "HeadlessChrome" as a
 *  bot and skips authentication for it (answering 410), which a merchant's browser never sees.
 *  `locale`: the browser's language (its Accept-Language), e.g. "fr-FR". */
export async function newMerchantPage(browser: Browser, options: { locale?: string } = {}): Promise<Page> {
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const context = await browser.newContext({
    userAgent,
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  return context.newPage();
}

/**
 * Follows a link of the admin's app menu and waits until the app frame holds the new page, hydrated. Until
 * then the frame still shows the page before: when that is the same screen, its controls answer locators
 * and a click lands on a page about to go, or on the new one before React runs (a checkbox ticked then is
 * not in React's state, and Save sends the old value).
 */
export async function openFromAdminMenu(page: Page, app: FrameLocator, name: string): Promise<void> {
  // The page before is marked; a frame with no page yet has nothing to mark.
  await app
    .locator("html")
    .evaluate((html) => void (html.dataset.left = "true"), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await page.getByRole("link", { name }).click();
  await app.locator("html[data-hydrated]:not([data-left])").waitFor({ timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
