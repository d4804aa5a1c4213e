// One e2e session: the whole stack (emulators, migrated SQLite file, built app) and a merchant's
// Chromium page on the emulated admin. `app` is the embedded app's frame.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { startStack, type Stack, type StackOptions } from "../../../scripts/stack";
import { freePort, launchBrowser, newMerchantPage } from "./browser";

export interface E2eSession {
  stack: Stack;
  browser: Browser;
  page: Page;
  app: FrameLocator;
  close(): Promise<void>;
}

export async function startE2eSession(name: string, options: StackOptions = {}): Promise<E2eSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `passerelle-e2e-${name}-`));
  const stack = await startStack({
    appPort: await freePort(),
    shopifyPort: 0,
    databaseUrl: `file:${path.join(dir, "e2e.sqlite")}`,
    quiet: true,
    ...options,
  });
  const browser = await launchBrowser();
  const page = await newMerchantPage(browser);
  return {
    stack,
    browser,
    page,
    app: page.frameLocator("iframe"),
    async close() {
      await browser.close();
      await stack.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
