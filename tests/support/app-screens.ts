// Every screen of the embedded app, read from app/routes (Remix flat routes): the address of each
// app.* route that renders a page, so a new screen is checked (accessibility e2e test) and measured
// (UI bench) without anyone listing it. A screen of one item names the seeded item it shows,
// e.g. {runId} (tests/support/screens-seed.ts); a new one must be added to ITEM_SCREENS.
import fs from "node:fs";
import path from "node:path";
import type { SeededScreens } from "./screens-seed";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

/** Screens with a parameter: the address they are opened at ({key}: a SeededScreens id). */
const ITEM_SCREENS: Record<string, string> = {
  "app.runs.$id": "/app/runs/{runId}",
  "app.orders.$id": "/app/orders/{orderId}",
  "app.stock.$sku": "/app/stock/{sku}",
  "app.promotions.$id": "/app/promotions/{promotionId}",
  "app.syncs.$type": "/app/syncs/stock.full",
  // Any address no screen answers: "Page not found" inside the app's frame.
  "app.$": "/app/no-such-screen",
};

export function appScreens(): string[] {
  const screens: string[] = [];
  for (const file of fs.readdirSync(ROUTES).sort()) {
    const route = file.replace(/\.tsx$/, "");
    if (!route.startsWith("app.") || route === file) continue;
    // Resource routes (a CSV export…) render no page.
    if (!/^export default /m.test(fs.readFileSync(path.join(ROUTES, file), "utf8"))) continue;
    if (route.includes("$")) {
      const screen = ITEM_SCREENS[route];
      if (!screen) throw new Error(`${file} has a parameter: add the item it opens at to ITEM_SCREENS`);
      screens.push(screen);
    } else screens.push(`/${route.replace(/\._index$/, "").replaceAll(".", "/")}`);
  }
  // By address, the 404 page last.
  return screens.sort(
    (a, b) => Number(a === ITEM_SCREENS["app.$"]) - Number(b === ITEM_SCREENS["app.$"]) || a.localeCompare(b),
  );
}

/** The screen's address with the seeded items' ids in place of {runId}, {sku}… */
export function withSeededIds(screen: string, seeded: SeededScreens): string {
  return screen.replace(/\{(\w+)\}/g, (_, key: keyof SeededScreens) => encodeURIComponent(seeded[key]));
}
