// Mirroring what the ERP owes customers to their Shopify store credit, so it can be spent online. The
// shop chooses what: the wallets' balance, or the open credit notes (Customers screen). Each customer's
// Shopify balance moves by what the ERP amount moved since the last mirror (the first time: by the
// whole amount), so store credit Shopify gave for its own reasons (refunds) stays. A re-run changes
// nothing; a run stopped between Shopify's move and our record finds the move done and only records it.
// Spending online is not reported back to the ERP (no ERP call for it): the run says it happened.
import type { CustomerCredit, CustomerCreditSource } from "../capabilities/customer-credit-source";
import type { Db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { type Message, said } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import type { ShopifyStoreCreditApi } from "../shopify/store-credit.server";

export const STORE_CREDIT_MIRROR_JOB = "customers.store-credit";

export const MIRROR_MODES = ["off", "wallet", "credit-notes"] as const;
export type MirrorMode = (typeof MIRROR_MODES)[number];

export const MIRROR_WORDS: Record<MirrorMode, string> = {
  off: "Nothing (off)",
  wallet: "The wallet balance",
  "credit-notes": "The open credit notes",
};

/** The choices and the refusal of the Customers screen's store-credit card, in the admin's language. */
export const MIRROR_SCREEN_WORDS = defineWords({
  en: {
    choices: MIRROR_WORDS,
    choose: "Choose what to mirror to store credit.",
    oneOf: (modes: string) => `Choose one of: ${modes}.`,
  },
  fr: {
    choices: { off: "Rien (désactivé)", wallet: "Le solde du porte-monnaie", "credit-notes": "Les avoirs ouverts" },
    choose: "Choisissez ce qui est reporté sur le crédit en magasin.",
    oneOf: (modes: string) => `Choisissez parmi : ${modes}.`,
  },
});

export async function loadMirrorMode(db: Db, shop: string): Promise<MirrorMode> {
  const row = await db.customerCreditSettings.findUnique({ where: { shop } });
  return (MIRROR_MODES as readonly string[]).includes(row?.mirror ?? "") ? (row!.mirror as MirrorMode) : "off";
}

export async function saveMirrorMode(db: Db, shop: string, raw: unknown, locale: Locale = "en"): Promise<MirrorMode> {
  const words = MIRROR_SCREEN_WORDS[locale];
  if (typeof raw !== "string" || !(MIRROR_MODES as readonly string[]).includes(raw))
    throw new ValidationError(words.choose, { mirror: words.oneOf(MIRROR_MODES.join(", ")) });
  const mirror = raw as MirrorMode;
  await db.customerCreditSettings.upsert({ where: { shop }, create: { shop, mirror }, update: { mirror } });
  return mirror;
}

export interface MirrorDeps {
  db: Db;
  source: CustomerCreditSource;
  sourceName: string;
  shopify: ShopifyStoreCreditApi;
  now: () => Date;
}

export interface MirrorReport {
  skip(email: string, reason: Message): void;
  log(level: "info" | "warn", message: Message): void;
  checkpoint?(): Promise<void>;
  /** A customer's store credit moved in Shopify, as soon as it did (a run's Changes list and count). */
  moved?(email: string, before: string, after: string): void;
}

export interface MirrorResult {
  mode: MirrorMode;
  seen: number;
  moved: number;
  unchanged: number;
  skipped: number;
}

const cents = (amount: number) => Math.round(amount * 100);

/** What the ERP owes the customer in the chosen mode, in cents (never below zero: an overdrawn wallet gives nothing). */
export function amountToMirror(credit: CustomerCredit, mode: Exclude<MirrorMode, "off">): number {
  const total =
    mode === "wallet"
      ? credit.wallets.reduce((sum, w) => sum + cents(w.balance), 0)
      : credit.creditNotes.reduce((sum, n) => sum + cents(n.remaining), 0);
  return Math.max(0, total);
}

export async function mirrorStoreCredit(deps: MirrorDeps, shop: string, report: MirrorReport): Promise<MirrorResult> {
  const mode = await loadMirrorMode(deps.db, shop);
  const result: MirrorResult = { mode, seen: 0, moved: 0, unchanged: 0, skipped: 0 };
  if (mode === "off") {
    report.log("info", said("customers.mirrorOff"));
    return result;
  }
  const { items, skipped } = await deps.source.allCredit();
  for (const s of skipped)
    report.skip(s.key, said("customers.unreadableRecord", { source: deps.sourceName, reason: s.words ?? s.reason }));
  const targets = new Map(items.map((c) => [c.email.toLowerCase(), c]));
  // Customers mirrored before and no longer owed anything: their mirrored amount goes back to zero.
  const earlier = await deps.db.storeCreditMirror.findMany({
    where: { shop },
    select: { email: true, currency: true },
  });
  for (const row of earlier)
    if (!targets.has(row.email))
      targets.set(row.email, { email: row.email, currency: row.currency, wallets: [], creditNotes: [] });

  for (const [email, credit] of targets) {
    await report.checkpoint?.();
    result.seen++;
    const outcome = await mirrorOne(deps, shop, email, credit.currency, amountToMirror(credit, mode), report);
    result[outcome]++;
  }
  return result;
}

async function mirrorOne(
  deps: MirrorDeps,
  shop: string,
  email: string,
  currency: string,
  erpCents: number,
  report: MirrorReport,
): Promise<"moved" | "unchanged" | "skipped"> {
  const key = { shop_email: { shop, email } };
  let row = await deps.db.storeCreditMirror.findUnique({ where: key });
  if (!row && erpCents === 0) return "unchanged";
  const shopify = await deps.shopify.ofEmail(email, currency);
  if (!shopify) {
    report.skip(email, said("customers.noShopifyCustomer"));
    return "skipped";
  }

  // A move written but not recorded (the run stopped): Shopify's balance says whether it happened. Still
  // at its balance before the move: not made. Anywhere else: taken as made (money is never added twice),
  // and a balance other than the one expected is said.
  if (row && row.pendingToCents !== null) {
    const done = shopify.balanceCents !== row.pendingFromCents;
    if (done && shopify.balanceCents !== row.pendingToCents)
      report.log("warn", said("customers.moveInterrupted", { email }));
    row = await deps.db.storeCreditMirror.update({
      where: key,
      data: {
        ...(done ? { erpCents: row.pendingErpCents!, shopifyCents: shopify.balanceCents, mirroredAt: deps.now() } : {}),
        pendingFromCents: null,
        pendingToCents: null,
        pendingErpCents: null,
      },
    });
  }

  const lastErp = row?.erpCents ?? 0;
  if (row && shopify.balanceCents !== row.shopifyCents) {
    const moved = shopify.balanceCents - row.shopifyCents;
    report.log(
      "warn",
      said(moved < 0 ? "customers.spentInShopify" : "customers.addedInShopify", {
        email,
        cents: Math.abs(moved),
        currency,
        source: deps.sourceName,
      }),
    );
  }
  let delta = erpCents - lastErp;
  if (delta < 0 && -delta > shopify.balanceCents) {
    report.skip(
      email,
      said("customers.onlyLeft", {
        source: deps.sourceName,
        downCents: -delta,
        leftCents: shopify.balanceCents,
        currency,
      }),
    );
    delta = -shopify.balanceCents;
  }
  if (delta === 0) {
    if (!row || row.shopifyCents !== shopify.balanceCents || row.erpCents !== erpCents)
      await upsertRecord(deps.db, shop, email, currency, erpCents, shopify.balanceCents);
    return "unchanged";
  }

  // Claim the move before making it: one worker per customer, and a stopped run can tell it was made.
  const pending = {
    pendingFromCents: shopify.balanceCents,
    pendingToCents: shopify.balanceCents + delta,
    pendingErpCents: erpCents,
  };
  if (row) {
    const claimed = await deps.db.storeCreditMirror.updateMany({
      where: { shop, email, pendingToCents: null, erpCents: row.erpCents },
      data: pending,
    });
    if (claimed.count === 0) return "unchanged";
  } else {
    try {
      await deps.db.storeCreditMirror.create({
        data: { shop, email, currency, erpCents: 0, shopifyCents: shopify.balanceCents, ...pending },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return "unchanged";
      throw error;
    }
  }
  const after = await deps.shopify.move(shopify, delta, currency);
  report.moved?.(email, (shopify.balanceCents / 100).toFixed(2), (after / 100).toFixed(2));
  await deps.db.storeCreditMirror.update({
    where: key,
    data: {
      erpCents,
      shopifyCents: after,
      pendingFromCents: null,
      pendingToCents: null,
      pendingErpCents: null,
      mirroredAt: deps.now(),
    },
  });
  return "moved";
}

async function upsertRecord(db: Db, shop: string, email: string, currency: string, erp: number, shopify: number) {
  await db.storeCreditMirror.upsert({
    where: { shop_email: { shop, email } },
    create: { shop, email, currency, erpCents: erp, shopifyCents: shopify },
    update: { erpCents: erp, shopifyCents: shopify },
  });
}
