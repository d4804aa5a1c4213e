// What the shop's ERP owes a customer, for the customer service team: the customer as the ERP knows
// them, their wallets' balance and their open credit notes — found by e-mail (the Customers screen)
// or by the Shopify customer whose page is open (the admin block).
import type { CreditCustomer, CreditNote, CustomerCreditSource, Wallet } from "../capabilities/customer-credit-source";
import { providerFor } from "../connectors/registry.server";
import { db as defaultDb, type Db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { AppError, NotConfiguredError, NotFoundError, ValidationError } from "../lib/errors";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { shopifyStoreCredit } from "../shopify/store-credit.server";
import { enqueueJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import {
  loadMirrorMode,
  MIRROR_SCREEN_WORDS,
  saveMirrorMode,
  STORE_CREDIT_MIRROR_JOB,
} from "./store-credit-mirror.server";

export interface CustomerCreditView {
  email: string;
  /** What the merchant calls the system the amounts come from ("Fastmag"). */
  sourceName: string;
  /** Null when the system has no customer with this e-mail. */
  customer: CreditCustomer | null;
  currency: string;
  wallets: Wallet[];
  /** The wallets' balances added up. */
  walletBalance: number;
  creditNotes: CreditNote[];
  /** What is left on the open credit notes, added up. */
  creditNotesRemaining: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const sum = (amounts: number[]) => Math.round(amounts.reduce((a, b) => a + b * 100, 0)) / 100;

const SCREEN_WORDS = defineWords({
  en: {
    typeCustomerEmail: "Type the customer's e-mail address.",
    notAnEmail: (email: string) => `"${email}" is not an e-mail address.`,
    typeEmail: "Type an e-mail address.",
    chooseSource:
      "This shop has no system holding customers' wallets and credit notes set up yet: choose one in Settings.",
    fillIn: (what: string) => `${what} is not set up for this shop yet: fill in Settings → ${what}.`,
  },
  fr: {
    typeCustomerEmail: "Saisissez l'adresse e-mail du client.",
    notAnEmail: (email: string) => `« ${email} » n'est pas une adresse e-mail.`,
    typeEmail: "Saisissez une adresse e-mail.",
    chooseSource:
      "Cette boutique n'a encore aucun système qui tient les porte-monnaie et avoirs des clients : choisissez-en un dans Paramètres.",
    fillIn: (what: string) =>
      `${what} n'est pas encore configuré pour cette boutique : renseignez Paramètres → ${what}.`,
  },
});

export function checkedEmail(raw: string, locale: Locale = "en"): string {
  const email = raw.trim();
  const words = SCREEN_WORDS[locale];
  if (!EMAIL.test(email))
    throw new ValidationError(words.typeCustomerEmail, {
      email: email ? words.notAnEmail(email) : words.typeEmail,
    });
  return email;
}

export async function customerCreditSource(
  shop: string,
  options: { db?: Db; timeoutMs?: number; runId?: string } = {},
): Promise<{ source: CustomerCreditSource; sourceName: string }> {
  const provider = await providerFor(
    { shop, db: options.db ?? defaultDb, timeoutMs: options.timeoutMs, runId: options.runId },
    "customer-credit-source",
  );
  return { source: provider.port, sourceName: provider.name };
}

/** The ERP customer with this e-mail and what the ERP owes them. */
export async function customerCredit(
  shop: string,
  rawEmail: string,
  options: { db?: Db; timeoutMs?: number; locale?: Locale } = {},
): Promise<CustomerCreditView> {
  const email = checkedEmail(rawEmail, options.locale);
  // A screen waits less than a job.
  const { source, sourceName } = await customerCreditSource(shop, { timeoutMs: 15_000, ...options });
  const customer = await source.customerByEmail(email);
  const credit = customer ? await source.creditOf(customer.email) : null;
  const wallets = credit?.wallets ?? [];
  const creditNotes = credit?.creditNotes ?? [];
  return {
    email: customer?.email ?? email,
    sourceName,
    customer,
    currency: credit?.currency ?? "EUR",
    wallets,
    walletBalance: sum(wallets.map((w) => w.balance)),
    creditNotes,
    creditNotesRemaining: sum(creditNotes.map((n) => n.remaining)),
  };
}

/** The same for the Shopify customer whose page is open in Shopify admin (the admin block), by their id. */
export async function customerCreditOfShopifyCustomer(
  shop: string,
  customerId: string,
  options: { db?: Db } = {},
): Promise<CustomerCreditView> {
  const id = customerId.trim();
  if (!/^(gid:\/\/shopify\/Customer\/)?\d+$/.test(id))
    throw new ValidationError("Name the customer by their Shopify id.", {
      customerId: id ? `"${id}" is not a Shopify customer id.` : "Send customerId.",
    });
  const client = await adminClientForShop(shop, { db: options.db ?? defaultDb, timeoutMs: 10_000 });
  const email = await shopifyStoreCredit(client).customerEmail(id);
  if (!email) throw new NotFoundError("This customer has no e-mail address in Shopify, so the ERP cannot be searched.");
  return customerCredit(shop, email, options);
}

export interface CustomerCreditScreen {
  view?: CustomerCreditView;
  error?: string;
  fieldErrors?: Record<string, string>;
  setupUrl?: string;
}

/** For screens: the view, or what went wrong in the merchant's words (anything unexpected propagates). */
export async function customerCreditScreen(
  shop: string,
  email: string,
  locale: Locale = "en",
): Promise<CustomerCreditScreen> {
  try {
    return { view: await customerCredit(shop, email, { locale }) };
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof NotConfiguredError) {
      // The registry says it in English; French says the same from what is missing and where.
      const words = SCREEN_WORDS[locale];
      const message =
        locale === "en"
          ? error.message
          : error.setupUrl === "/app/settings"
            ? words.chooseSource
            : words.fillIn(error.what);
      return { error: message, setupUrl: error.setupUrl };
    }
    // The ERP could not be reached or refused: its connector already says so in plain words.
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

/** The Customers screen's store-credit card: what is mirrored, and "Mirror now" (a run like every sync). */
export async function storeCreditSettings(shop: string, locale: Locale = "en") {
  return { mirror: await loadMirrorMode(defaultDb, shop), choices: MIRROR_SCREEN_WORDS[locale].choices };
}

export const saveStoreCreditMirror = (shop: string, mirror: unknown, locale: Locale = "en") =>
  saveMirrorMode(defaultDb, shop, mirror, locale);

export const mirrorNow = (shop: string, trigger: "manual" | "api" = "manual") =>
  enqueueJob(jobDeps, { shop, type: STORE_CREDIT_MIRROR_JOB, trigger });
