// The store-credit mirror against the emulators: what Fastmag owes a customer (wallets or open credit
// notes) reaches their Shopify store credit once; a re-run, a second worker at the same time, or a run
// stopped between Shopify's move and our record never moves it twice; a run is recorded like every sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mirrorDeps, STORE_CREDIT_MIRROR_JOB } from "~/customers/jobs.server";
import { saveMirrorMode, mirrorStoreCredit, type MirrorReport } from "~/customers/store-credit-mirror.server";
import { db } from "~/db.server";
import { sayIn, textOf, type Message } from "~/i18n/stored-words";
import { getJob } from "~/jobs/api.server";
import { allChanges } from "~/jobs/audit.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { action as screenAction } from "~/routes/app.customers";
import { adminRequest } from "../../support/admin-request";
import { startGiftCardWorld, type GiftCardWorld } from "../gift-cards/harness";

let world: GiftCardWorld;
const HELENE = "helene.lefevre@example.fr";
let heleneId: string;

const STORE_CREDIT = `query C($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes {
  balance { amount currencyCode } transactions(first: 50) { nodes { amount { amount } } } } } } }`;
const SPEND = `mutation S($id: ID!, $debitInput: StoreCreditAccountDebitInput!) {
  storeCreditAccountDebit(id: $id, debitInput: $debitInput) { userErrors { message } } }`;

async function storeCredit(customerId: string) {
  const { data } = await world.client.gql(STORE_CREDIT, { id: customerId });
  const account = data.customer.storeCreditAccounts.nodes[0] as
    { balance: { amount: string }; transactions: { nodes: unknown[] } } | undefined;
  return account ? { balance: Number(account.balance.amount), moves: account.transactions.nodes.length } : null;
}

/** What a run says, in English as stored, and as a French admin reads it. */
function recorder(): MirrorReport & { skips: [string, string][]; logs: string[]; french: string[] } {
  const skips: [string, string][] = [];
  const logs: string[] = [];
  const french: string[] = [];
  const heard = (m: Message) => (french.push(sayIn(m, "fr")), textOf(m));
  return { skips, logs, french, skip: (e, r) => skips.push([e, heard(r)]), log: (_l, m) => logs.push(heard(m)) };
}

const till = async (path: string, body: unknown) => {
  const response = await fetch(new URL(`_emulator/${path}`, world.fastmag.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
};

beforeAll(async () => {
  world = await startGiftCardWorld("mirror");
  heleneId = await world.addCustomer(HELENE, "Hélène");
});
afterAll(() => world?.close());

describe("mirroring ERP wallets and credit notes to Shopify store credit", { timeout: 60_000 }, () => {
  it("does nothing while the shop has not chosen to mirror", async () => {
    const report = recorder();
    expect(await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, report)).toMatchObject({
      mode: "off",
      moved: 0,
    });
    expect(report.logs[0]).toMatch(/off/);
    expect(report.french[0]).toBe("Le report sur le crédit en magasin Shopify est désactivé (écran Clients).");
    expect(await storeCredit(heleneId)).toBeNull();
  });

  it("mirrors the wallet balance once; a re-run changes nothing", async () => {
    await saveMirrorMode(db, world.shop, "wallet");
    const report = recorder();
    const first = await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, report);
    // François's wallet is at 0 in Fastmag: nothing to mirror, his missing Shopify account is no matter.
    expect(first).toMatchObject({ mode: "wallet", moved: 1, skipped: 0 });
    expect(report.skips).toEqual([]);
    expect(await storeCredit(heleneId)).toEqual({ balance: 57.5, moves: 1 });

    const again = await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder());
    expect(again).toMatchObject({ moved: 0 });
    expect(await storeCredit(heleneId)).toEqual({ balance: 57.5, moves: 1 });
  });

  it("follows the ERP's moves by their difference, and says when store credit was spent online", async () => {
    await till("pme/PME-MAG-001", { balance: 5 }); // spent 10 in store
    await world.client.gql(SPEND, {
      id: heleneId,
      debitInput: { debitAmount: { amount: "7.50", currencyCode: "EUR" } },
    });
    const report = recorder();
    const run = await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, report);
    expect(run).toMatchObject({ moved: 1 });
    // 57.50 − 7.50 spent online − 10 spent in store.
    expect(await storeCredit(heleneId)).toEqual({ balance: 40, moves: 3 });
    expect(report.logs.join("\n")).toMatch(/spent in Shopify since the last mirror \(€7\.50\)/);
    expect(report.french.join("\n")).toMatch(
      /crédit en magasin dépensé dans Shopify depuis le dernier report \(7,50\s€\)/,
    );
    expect((await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder())).moved).toBe(0);
  });

  it("never moves twice: two workers at once, and a run stopped after Shopify moved", async () => {
    await till("pme/PME-WEB-001", { balance: 52.5 }); // topped up 10
    const [a, b] = await Promise.all([
      mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder()),
      mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder()),
    ]);
    expect(a.moved + b.moved).toBe(1);
    expect(await storeCredit(heleneId)).toEqual({ balance: 50, moves: 4 });

    // Shopify moves, then the process dies before recording it.
    await till("pme/PME-WEB-001", { balance: 62.5 });
    const deps = await mirrorDeps(world.shop, { db });
    const dying = {
      ...deps,
      shopify: {
        ...deps.shopify,
        move: async (...args: Parameters<typeof deps.shopify.move>) => {
          await deps.shopify.move(...args);
          throw new Error("killed after Shopify's answer");
        },
      },
    };
    await expect(mirrorStoreCredit(dying, world.shop, recorder())).rejects.toThrow(/killed/);
    expect(await storeCredit(heleneId)).toEqual({ balance: 60, moves: 5 });
    const resumed = await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder());
    expect(resumed.moved).toBe(0);
    expect(await storeCredit(heleneId)).toEqual({ balance: 60, moves: 5 });
  });

  it("mirrors open credit notes instead when chosen, as a run with its counts (the screen's Mirror now)", async () => {
    const saved = (await screenAction({
      request: adminRequest(world.shop, "/app/customers", { form: { intent: "save-mirror", mirror: "credit-notes" } }),
      params: {},
      context: {},
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    registerModules();
    const queued = (await screenAction({
      request: adminRequest(world.shop, "/app/customers", { form: { intent: "mirror-now" } }),
      params: {},
      context: {},
    })) as unknown as { ok: boolean; runUrl: string };
    expect(queued.ok).toBe(true);
    await runDueJobs({ db, types: [STORE_CREDIT_MIRROR_JOB] });
    const run = await getJob({ db }, world.shop, queued.runUrl.split("/").pop()!);
    expect(run).toMatchObject({ status: "succeeded", counters: { changed: 1 } });
    // Its Changes list says whose credit moved, from what to what (as it lands: a cancelled run lists it).
    expect(
      (await allChanges({ db }, world.shop, run!.id, {})).map((c) => [c.externalId, c.field, c.before, c.after]),
    ).toEqual([[HELENE, "store credit", "60.00", "52.50"]]);
    // The wallets' 67.50 mirrored so far becomes the open credit note's 60; François (a note, no
    // Shopify account) is skipped with the reason.
    expect(run!.counters).toMatchObject({ skipped: 1 });
    expect(await storeCredit(heleneId)).toEqual({ balance: 52.5, moves: 6 });

    // A credit note spent wholly in store closes: its amount leaves store credit, as far as some is left.
    const avoirs = (await db.storeCreditMirror.findUnique({
      where: { shop_email: { shop: world.shop, email: HELENE } },
    }))!;
    expect(avoirs.erpCents).toBe(6000);
    await till("avoirs/1", { spend: 60 });
    const report = recorder();
    expect((await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, report)).moved).toBe(1);
    expect(await storeCredit(heleneId)).toEqual({ balance: 0, moves: 7 });
    expect(report.skips).toContainEqual([HELENE, expect.stringMatching(/only €52\.50 of store credit is left/)]);
    expect(report.french.join("\n")).toMatch(/mais il ne reste que 52,50\s€ de crédit en magasin dans Shopify/);
    expect((await mirrorStoreCredit(await mirrorDeps(world.shop, { db }), world.shop, recorder())).moved).toBe(0);
  });

  it("rejects an unknown choice with the field named", async () => {
    await expect(saveMirrorMode(db, world.shop, "everything")).rejects.toMatchObject({
      fieldErrors: { mirror: expect.stringMatching(/off, wallet, credit-notes/) },
    });
  });
});
