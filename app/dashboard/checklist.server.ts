// The Dashboard's setup checklist: what a new shop does before the app works for it — connect the ERP
// (a system giving stock is set up), choose the location stock goes to, run a first stock sync, send
// orders somewhere. Shown until every item is done or the merchant dismisses it.
import { routedConnector, setupHintFor } from "../connectors/registry.server";
import { loadRouting } from "../connectors/routing.server";
import type { Db } from "../db.server";
import { db as defaultDb } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { whatInWords } from "./capability-words";

export type ChecklistItemId = "erp" | "locations" | "first-sync" | "order-export";

export interface ChecklistItem {
  id: ChecklistItemId;
  title: string;
  /** What to do, in the merchant's words. */
  help: string;
  done: boolean;
  /** Where in the app it is done. */
  url: string;
  action: string;
}

export interface SetupChecklist {
  items: ChecklistItem[];
  done: number;
  /** False once every item is done or the merchant dismissed it. */
  show: boolean;
}

const STOCK_SYNCS = ["stock.full", "stock.changes"];

const WORDS = defineWords({
  en: {
    erp: "Connect your ERP",
    erpDone: (name: string) => `${name} gives your stock.`,
    erpHelp: (what: string) => `Set up the system your stock comes from (${what}).`,
    open: (name: string) => `Open ${name}`,
    setUp: (what: string) => `Set up ${what}`,
    locations: "Choose locations",
    chooseLocations: "Choose locations",
    locationsHelp: "Choose the Shopify location stock goes to and where each kind of data goes.",
    firstSync: "Run a first stock sync",
    firstSyncHelp: "Copy your stock to Shopify once; the schedule keeps it up to date afterwards.",
    openStockSync: "Open the stock sync",
    orderExport: "Turn order export on",
    orderExportDone: (name: string) => `New orders go to ${name}.`,
    orderExportHelp: (what: string) => `Choose where new Shopify orders go (${what}).`,
    routing: "Where your data goes",
    chooseOrders: "Choose where orders go",
  },
  fr: {
    erp: "Connectez votre ERP",
    erpDone: (name: string) => `${name} fournit votre stock.`,
    erpHelp: (what: string) => `Configurez le système d'où vient votre stock (${what}).`,
    open: (name: string) => `Ouvrir ${name}`,
    setUp: (what: string) => `Configurer ${what}`,
    locations: "Choisissez les emplacements",
    chooseLocations: "Choisir les emplacements",
    locationsHelp: "Choisissez l'emplacement Shopify qui reçoit le stock et où va chaque type de données.",
    firstSync: "Lancez une première synchronisation du stock",
    firstSyncHelp: "Copiez votre stock dans Shopify une fois ; la planification le tient ensuite à jour.",
    openStockSync: "Ouvrir la synchronisation du stock",
    orderExport: "Activez l'export des commandes",
    orderExportDone: (name: string) => `Les nouvelles commandes vont dans ${name}.`,
    orderExportHelp: (what: string) => `Choisissez où vont les nouvelles commandes Shopify (${what}).`,
    routing: "Où vont vos données",
    chooseOrders: "Choisir où vont les commandes",
  },
});

export async function setupChecklist(shop: string, db: Db = defaultDb, locale: Locale = "en"): Promise<SetupChecklist> {
  const t = WORDS[locale];
  const routing = await loadRouting(db, shop);
  const [stockSource, orderDestination, firstSync, settings] = await Promise.all([
    routedConnector(db, shop, "stock-source", routing),
    routedConnector(db, shop, "order-destination", routing),
    db.job.findFirst({ where: { shop, type: { in: STOCK_SYNCS }, status: "succeeded" }, select: { id: true } }),
    db.alertSettings.findUnique({ where: { shop }, select: { checklistDismissedAt: true } }),
  ]);
  const stockHint = setupHintFor("stock-source");
  const orderHint = setupHintFor("order-destination");
  const stockWhat = whatInWords(stockHint.key, stockHint.what, locale);
  const orderWhat = whatInWords(orderHint.key, orderHint.what, locale);
  const items: ChecklistItem[] = [
    {
      id: "erp",
      title: t.erp,
      help: stockSource ? t.erpDone(stockSource.name) : t.erpHelp(stockWhat),
      done: stockSource !== null,
      url: stockSource?.settingsPage ?? stockHint.url,
      action: stockSource ? t.open(stockSource.name) : t.setUp(stockWhat),
    },
    {
      id: "locations",
      title: t.locations,
      help: t.locationsHelp,
      done: Boolean(routing.shopifyLocationId),
      url: stockSource?.settingsPage ?? "/app/settings/routing",
      action: t.chooseLocations,
    },
    {
      id: "first-sync",
      title: t.firstSync,
      help: t.firstSyncHelp,
      done: firstSync !== null,
      url: "/app/syncs/stock.full",
      action: t.openStockSync,
    },
    {
      id: "order-export",
      title: t.orderExport,
      help: orderDestination ? t.orderExportDone(orderDestination.name) : t.orderExportHelp(orderWhat),
      done: orderDestination !== null,
      url: orderDestination ? "/app/settings/routing" : orderHint.url,
      action: orderDestination ? t.routing : t.chooseOrders,
    },
  ];
  const done = items.filter((i) => i.done).length;
  return { items, done, show: done < items.length && !settings?.checklistDismissedAt };
}

export async function dismissSetupChecklist(shop: string, db: Db = defaultDb): Promise<void> {
  const at = new Date();
  await db.alertSettings.upsert({
    where: { shop },
    create: { shop, checklistDismissedAt: at },
    update: { checklistDismissedAt: at },
  });
}
