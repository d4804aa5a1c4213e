// Every emulator by id, with the function that starts it: the demo stack (scripts/stack.ts) and the
// tests start systems from here rather than importing each emulator.
//
// Joining: an emulator's folder exports its start function; it is added below with one line, through
// defineEmulator so its options and handle keep their types (`demo` gives the demo stack's options).
// The stack starts the emulator of every connector whose manifest names one (`emulator: "<id>"` in
// app/connectors/<id>/connector.server.ts), plus the `platform` ones the app always talks to.
import { defineEmulator, type EmulatorDefinition, type RunningEmulator } from "./_kit/index";
import { startChronopostEmulator } from "./chronopost/index";
import { startErpReceiver } from "./erp-receiver/index";
import { DEMO_CREDENTIALS as FASTMAG_DEMO_CREDENTIALS, startFastmagEmulator } from "./fastmag/index";
import { startHiboutikEmulator } from "./hiboutik/index";
import { startLightspeedEmulator } from "./lightspeed/index";
import { startRetailCrmEmulator } from "./retailcrm/index";
import { startSftpEmulator } from "./sftp/index";
import { startShopifyEmulator, type ShopifyEmulatorOptions } from "./shopify/index";
import { DEMO_SHOP } from "./shopify/seed";
import { startSmtpEmulator } from "./smtp/index";
import { startSquareEmulator } from "./square/index";
import { DEMO_CREDENTIALS as TNT_DEMO_CREDENTIALS, startTntEmulator } from "./tnt/index";
import { startTuyoEmulator } from "./tuyo/index";

/** The app the Shopify emulator serves when none is given (tests that only need an Admin API). */
const EMULATED_APP: ShopifyEmulatorOptions["app"] = {
  apiKey: "emulator-api-key",
  apiSecret: "emulator-api-secret",
  appUrl: "http://127.0.0.1:3000",
};

export const emulators = {
  shopify: defineEmulator({
    id: "shopify",
    name: "Shopify",
    platform: true,
    demo: ({ app, port }): ShopifyEmulatorOptions => ({ port, app, shops: [DEMO_SHOP] }),
    start: (options?: ShopifyEmulatorOptions) => startShopifyEmulator(options ?? { app: EMULATED_APP }),
  }),
  fastmag: defineEmulator({
    id: "fastmag",
    name: "Fastmag",
    demo: ({ port }) => ({ port, credentials: FASTMAG_DEMO_CREDENTIALS, seed: "demo" as const }),
    start: (options?: Parameters<typeof startFastmagEmulator>[0]) =>
      startFastmagEmulator(options ?? { credentials: FASTMAG_DEMO_CREDENTIALS, seed: "demo" }),
  }),
  chronopost: defineEmulator({
    id: "chronopost",
    name: "Chronopost",
    platform: true,
    demo: ({ port }) => ({ port }),
    start: startChronopostEmulator,
  }),
  tnt: defineEmulator({
    id: "tnt",
    name: "TNT",
    platform: true,
    demo: ({ port }) => ({ port, credentials: TNT_DEMO_CREDENTIALS }),
    start: startTntEmulator,
  }),
  retailcrm: defineEmulator({
    id: "retailcrm",
    name: "RetailCRM",
    demo: ({ port }) => ({ port, seed: "demo" as const }),
    start: startRetailCrmEmulator,
  }),
  // Settings → Point of sale's Square accounts (a POS system naming it): the demo seller account.
  square: defineEmulator({
    id: "square",
    name: "Square",
    demo: ({ port }) => ({ port, seed: "demo" as const }),
    start: startSquareEmulator,
  }),
  hiboutik: defineEmulator({ id: "hiboutik", name: "Hiboutik", start: startHiboutikEmulator }),
  lightspeed: defineEmulator({ id: "lightspeed", name: "Lightspeed Retail", start: startLightspeedEmulator }),
  tuyo: defineEmulator({ id: "tuyo", name: "Tuyo", start: startTuyoEmulator }),
  sftp: defineEmulator({ id: "sftp", name: "SFTP server", start: startSftpEmulator }),
  // Every shop sends mail (gift cards, alerts): the demo and the e2e stack run an SMTP server.
  smtp: defineEmulator({
    id: "smtp",
    name: "SMTP server",
    platform: true,
    demo: ({ port }) => ({ port }),
    start: startSmtpEmulator,
  }),
  // The ERP event feed's receiving end (HTTPS when given a test CA's certificate).
  "erp-receiver": defineEmulator({ id: "erp-receiver", name: "Test ERP (event feed)", start: startErpReceiver }),
} as const;

export type EmulatorId = keyof typeof emulators;

/** The handle an emulator's start resolves to, by id (stack.emulators.fastmag is a FastmagEmulator). */
export type EmulatorInstance<K extends EmulatorId> = Awaited<ReturnType<(typeof emulators)[K]["start"]>>;

export function isEmulatorId(id: string): id is EmulatorId {
  return Object.prototype.hasOwnProperty.call(emulators, id);
}

/**
 * The definition of an emulator, for callers that only know its id (configuration, the demo): its
 * options are whatever its `demo` gives, or none.
 */
export function emulatorById(id: string): EmulatorDefinition<unknown, RunningEmulator> | undefined {
  return isEmulatorId(id) ? (emulators[id] as unknown as EmulatorDefinition<unknown, RunningEmulator>) : undefined;
}

/** Emulators the demo stack starts whatever the connectors are. */
export const platformEmulatorIds = (): EmulatorId[] =>
  (Object.keys(emulators) as EmulatorId[]).filter((id) => (emulators[id] as { platform?: boolean }).platform);
