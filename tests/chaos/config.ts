// What a chaos run does and how big it is. The long profile is `npm run test:chaos`; the short one
// fits the e2e budget (tests/e2e/chaos.test.ts). Durations are in milliseconds.

export type DatabaseKind = "sqlite" | "postgresql";

export interface ChaosProfile {
  name: "short" | "long";
  /** Variants in both catalogs (the full stock sync's size). */
  variants: number;
  orders: number;
  webhooks: number;
  /** Quiet phase before the first fault. */
  baselineMs: number;
  /** How long each kill phase lasts, and how many kills it makes. */
  killPhaseMs: number;
  kills: number;
  /** The ERP hangs this long; its held answers are then sent late ("answer") or the connection reset. */
  hangMs: number;
  hangEnd: "answer" | "reset";
  /** ERP 5xx / KO and Shopify 5xx / THROTTLED storms. */
  stormMs: number;
  /** The database write lock held by another process. */
  lockMs: number;
  /** After the last fault: how long the app gets to finish the work. */
  drainMs: number;
  /** The closing full stock sync (what the next scheduled run would do). */
  settleMs: number;
  /**
   * Skip retry back-off waits after the faults (queued jobs due later are made due now), so a short run
   * measures correctness rather than the back-off schedule. Leases and claims are never touched.
   */
  warp: boolean;
  /** Shopify's webhook retry schedule (real Shopify: 1 min … 4 h). */
  webhookRetryDelaysMs: number[];
}

export const PROFILES: Record<ChaosProfile["name"], ChaosProfile> = {
  long: {
    name: "long",
    variants: 100_000,
    orders: 1_000,
    webhooks: 1_000,
    baselineMs: 20_000,
    killPhaseMs: 30_000,
    kills: 3,
    hangMs: 60_000,
    hangEnd: "answer",
    stormMs: 30_000,
    lockMs: 30_000,
    drainMs: 5 * 60_000,
    settleMs: 6 * 60_000,
    warp: false,
    webhookRetryDelaysMs: [2_000, 5_000, 10_000, 20_000, 40_000, 60_000, 120_000, 180_000],
  },
  short: {
    name: "short",
    variants: 5_000,
    orders: 100,
    webhooks: 100,
    baselineMs: 2_000,
    killPhaseMs: 4_000,
    kills: 1,
    hangMs: 10_000,
    hangEnd: "reset",
    stormMs: 4_000,
    lockMs: 5_000,
    drainMs: 60_000,
    settleMs: 45_000,
    warp: true,
    webhookRetryDelaysMs: [500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000],
  },
};

/** The Fastmag login the chaos emulator accepts (what Settings → Fastmag is given). */
export const CHAOS_FASTMAG_CREDENTIALS = {
  enseigne: "CHAOS",
  magasin: "WEB",
  compte: "passerelle",
  motpasse: "chaos-fastmag-password",
};
export const CHAOS_TNT_CREDENTIALS = { username: "passerelle", password: "chaos-tnt-password" };
export const CHAOS_SHOP = "chaos-boutique.myshopify.com";
export const CHAOS_API_KEY = "passerelle-chaos-api-key";
/** Shopify levels start this far above what the ERP says, so the first full sync has every SKU to write. */
export const INITIAL_SHOPIFY_OFFSET = 7;
