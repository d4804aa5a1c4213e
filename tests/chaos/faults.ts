// The faults a chaos run injects, one phase each, in this order. Every phase sends its share of the
// orders and webhooks into the fault (a burst as it starts) and makes sure a full stock sync is running.
import path from "node:path";
import type { ChaosProfile, DatabaseKind } from "./config";
import { holdWriteLock } from "./db-lock";
import { putJson } from "./load";
import type { ChaosStack } from "./stack";

export interface FaultContext {
  stack: ChaosStack;
  profile: ChaosProfile;
  database: DatabaseKind;
  /** Sends this phase's orders and webhooks (a fraction `share` of them when called several times). */
  burst(share?: number): Promise<void>;
  note(text: string): void;
}

export interface Fault {
  name: string;
  /** Why the fault cannot run in this setup, if it cannot. */
  skip?: (ctx: FaultContext) => string | null;
  run(ctx: FaultContext): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..", "..");
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sets an emulator's faults; a busy emulator gets three tries. */
async function setFaults(url: string, config: Record<string, unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await putJson(url, config);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(500);
    }
  }
}
export const fastmagFaults = (ctx: Pick<FaultContext, "stack">, config: Record<string, unknown>) =>
  setFaults(`${ctx.stack.emulators.fastmagUrl}_emulator/fault-config`, config);
export const shopifyFaults = (ctx: Pick<FaultContext, "stack">, config: Record<string, unknown>) =>
  setFaults(`${ctx.stack.emulators.shopifyUrl}/_emulator/faults`, config);

/** Bursts spread over the phase, a SIGKILL shortly after each (work is in flight), then a restart. */
async function killPhase(ctx: FaultContext, which: "app" | "worker"): Promise<void> {
  const service = which === "app" ? ctx.stack.app : ctx.stack.worker!;
  const slot = ctx.profile.killPhaseMs / ctx.profile.kills;
  for (let k = 0; k < ctx.profile.kills; k++) {
    const started = Date.now();
    const sending = ctx.burst(1 / ctx.profile.kills);
    // Orders are being received, exports claimed and sent: kill at different points of that work.
    await sleep(300 + k * 400);
    const killedAt = Date.now();
    await service.killAndRestart();
    ctx.note(`${which} killed at +${killedAt - started} ms, back after ${Date.now() - killedAt} ms`);
    await sending;
    await sleep(Math.max(0, slot - (Date.now() - started)));
  }
}

export const FAULTS: Fault[] = [
  {
    name: "none (baseline)",
    run: async (ctx) => {
      await ctx.burst();
      await sleep(ctx.profile.baselineMs);
    },
  },
  { name: "app SIGKILL + restart", run: (ctx) => killPhase(ctx, "app") },
  {
    name: "worker SIGKILL + restart",
    skip: (ctx) => (ctx.stack.worker ? null : "no separate worker process (--no-worker)"),
    run: (ctx) => killPhase(ctx, "worker"),
  },
  {
    name: "ERP hangs",
    run: async (ctx) => {
      const { hangMs, hangEnd } = ctx.profile;
      await fastmagFaults(ctx, { hangMs, hangEnd });
      ctx.note(`${hangMs / 1000} s, then held answers ${hangEnd === "reset" ? "reset" : "sent late"}`);
      await ctx.burst();
      await sleep(hangMs);
      await fastmagFaults(ctx, {});
    },
  },
  {
    name: "ERP answers lost",
    run: async (ctx) => {
      // Transactions are applied but the connection drops before the answer: the order exists in the ERP.
      const { stormMs } = ctx.profile;
      await fastmagFaults(ctx, { hangMs: stormMs, hangEnd: "reset", hangPages: ["ediwebsrv.ips"] });
      ctx.note(`transactions applied, answers held ${stormMs / 1000} s then reset`);
      await ctx.burst();
      await sleep(stormMs);
      await fastmagFaults(ctx, {});
    },
  },
  {
    name: "ERP 5xx",
    run: async (ctx) => {
      await fastmagFaults(ctx, { http5xxRate: 0.5, status5xx: 503 });
      await ctx.burst();
      await sleep(ctx.profile.stormMs);
      await fastmagFaults(ctx, {});
    },
  },
  {
    name: "ERP KO answers",
    run: async (ctx) => {
      await fastmagFaults(ctx, { koRate: 0.3 });
      await ctx.burst();
      await sleep(ctx.profile.stormMs);
      await fastmagFaults(ctx, {});
    },
  },
  {
    name: "Shopify 5xx storm",
    run: async (ctx) => {
      await shopifyFaults(ctx, { http5xxMs: ctx.profile.stormMs, rate: 0.5, status5xx: 503 });
      await ctx.burst();
      await sleep(ctx.profile.stormMs);
      await shopifyFaults(ctx, {});
    },
  },
  {
    name: "Shopify THROTTLED storm",
    run: async (ctx) => {
      await shopifyFaults(ctx, { throttledMs: ctx.profile.stormMs, rate: 0.9 });
      await ctx.burst();
      await sleep(ctx.profile.stormMs);
      await shopifyFaults(ctx, {});
    },
  },
  {
    name: "database write lock",
    run: async (ctx) => {
      const { lockMs } = ctx.profile;
      const holder = await holdWriteLock(ctx.stack.book, ctx.database, ctx.stack.databaseUrl, lockMs, root);
      ctx.note(`${ctx.database === "sqlite" ? "BEGIN IMMEDIATE" : "LOCK TABLE … EXCLUSIVE"} held ${lockMs / 1000} s`);
      await ctx.burst();
      const released = await Promise.race([holder.exited.then(() => true), sleep(lockMs + 30_000).then(() => false)]);
      if (!released) await ctx.stack.book.kill(holder);
    },
  },
];
