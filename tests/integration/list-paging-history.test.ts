// Lists of a shop's history that grow without end — the Alerts screen's alerts, the Mail screen's log of
// mails sent, the Logs screen's app events, the Gift cards screen's cards — are paged by keyset with their total (issue 16, points 2 and 11): every row reachable,
// Previous and Next walk each row once, and another shop's rows never show. Through the screens' loaders,
// on the real database, with signed admin requests.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as alertsLoader } from "~/routes/app.alerts";
import { loader as giftCardsLoader } from "~/routes/app.gift-cards";
import { loader as logsLoader } from "~/routes/app.logs";
import { loader as mailLoader } from "~/routes/app.mail";
import { adminRequest, installShop } from "../support/admin-request";
import { walkPages } from "../support/list-walk";
import { uniqueShop } from "../support/shops";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const START = Date.parse("2026-11-01T08:00:00Z");

/** Newest first, the id breaking ties, as the lists show them. */
function newestFirst<T extends { id: string; createdAt: Date }>(rows: T[]): string[] {
  return [...rows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

describe("Alerts screen: the shop's alerts", () => {
  it("pages every alert newest first with the total, not only the latest 20", async () => {
    const shop = uniqueShop("alerts-paged");
    const other = uniqueShop("alerts-paged-other");
    await installShop(shop);
    await installShop(other);
    const made: { id: string; createdAt: Date }[] = [];
    // 47 alerts; three at a time share a creation time (the keyset's id breaks the tie).
    for (let n = 0; n < 47; n++) {
      const createdAt = new Date(START + Math.floor(n / 3) * 60_000);
      const alert = await db.alert.create({
        data: {
          shop,
          kind: "run-failed",
          dedupeKey: `${shop}:run-failed:${n}`,
          groupKey: "run-failed:stock.full",
          title: `Alert ${n}`,
          detail: "The stock sync failed.",
          status: n % 4 === 0 ? "failed" : "sent",
          createdAt,
        },
      });
      made.push({ id: alert.id, createdAt });
    }
    const foreign = await db.alert.create({
      data: {
        shop: other,
        kind: "run-failed",
        dedupeKey: `${other}:run-failed:0`,
        groupKey: "run-failed:stock.full",
        title: "Not yours",
        detail: "Another shop's alert.",
        createdAt: new Date(START + 5 * 60_000),
      },
    });

    const alerts = async (query: string) =>
      ((await alertsLoader({ request: adminRequest(shop, `/app/alerts${query}`), params: {}, context: {} })) as Any)
        .recent;
    const all = await walkPages(alerts, "?");
    expect(all.total).toBe(47);
    expect(all.pages).toEqual([20, 20, 7]);
    expect(all.ids).toEqual(newestFirst(made));
    expect(all.ids).not.toContain(foreign.id);

    // The other shop sees its one alert, none of this shop's.
    const theirs = (
      (await alertsLoader({ request: adminRequest(other, "/app/alerts"), params: {}, context: {} })) as Any
    ).recent;
    expect(theirs.total).toBe(1);
    expect(theirs.items.map((a: Any) => a.id)).toEqual([foreign.id]);
  });
});

describe("Mail screen: the log of mails", () => {
  it("pages every mail newest first with the total, not only the latest 100", async () => {
    const shop = uniqueShop("mail-paged");
    const other = uniqueShop("mail-paged-other");
    await installShop(shop);
    await installShop(other);
    const rows = Array.from({ length: 123 }, (_, n) => ({
      id: `mail-${shop}-${String(n).padStart(3, "0")}`,
      shop,
      to: `client${n}@example.test`,
      subject: `Mail ${n}`,
      template: "gift-card",
      locale: "fr",
      status: n % 10 === 0 ? "failed" : "sent",
      createdAt: new Date(START + Math.floor(n / 4) * 1000),
    }));
    await db.mailLog.createMany({ data: rows });
    await db.mailLog.create({
      data: {
        id: `mail-${other}`,
        shop: other,
        to: "x@example.test",
        subject: "Not yours",
        template: "gift-card",
        locale: "fr",
        status: "sent",
        createdAt: new Date(START + 3000),
      },
    });

    const log = async (query: string) =>
      ((await mailLoader({ request: adminRequest(shop, `/app/mail${query}`), params: {}, context: {} })) as Any).log;
    const all = await walkPages(log, "?");
    expect(all.total).toBe(123);
    expect(all.pages).toEqual([50, 50, 23]);
    expect(all.ids).toEqual(newestFirst(rows));
    expect(all.ids).not.toContain(`mail-${other}`);
  });

  it("pages every job application received newest first with the total, not only the latest 20", async () => {
    const shop = uniqueShop("applications-paged");
    const other = uniqueShop("applications-paged-other");
    await installShop(shop);
    await installShop(other);
    const rows = Array.from({ length: 53 }, (_, n) => ({
      id: `application-${shop}-${String(n).padStart(3, "0")}`,
      shop,
      position: `Position ${n}`,
      // Every seventh filled in the form's trap for robots: never the merchant's.
      status: n % 7 === 0 ? "discarded" : n % 5 === 0 ? "failed" : "sent",
      createdAt: new Date(START + Math.floor(n / 3) * 1000),
    }));
    await db.jobApplication.createMany({ data: rows });
    await db.jobApplication.create({
      data: { id: `application-${other}`, shop: other, position: "Not yours", status: "sent" },
    });
    // The mail log pages with after/before on the same screen: the applications' own are `jafter`/`jbefore`.
    await db.mailLog.create({
      data: { shop, to: "x@example.test", subject: "A mail", template: "gift-card", locale: "fr", status: "sent" },
    });

    const applications = async (query: string) =>
      (
        (await mailLoader({
          request: adminRequest(shop, `/app/mail${query.replace(/(\?|&)(after|before)=/g, "$1j$2=")}`),
          params: {},
          context: {},
        })) as Any
      ).jobApplications.applications;
    const all = await walkPages(applications, "?");
    const kept = rows.filter((r) => r.status !== "discarded");
    expect(all.total).toBe(kept.length);
    expect(all.pages).toEqual([20, 20, kept.length - 40]);
    expect(all.ids).toEqual(newestFirst(kept));
    expect(all.ids).not.toContain(`application-${other}`);
  });
});

describe("Logs screen: the app events", () => {
  it("pages the events newest first both ways with the total, filtered by kind", async () => {
    const shop = uniqueShop("events-paged");
    const other = uniqueShop("events-paged-other");
    await installShop(shop);
    await installShop(other);
    const made: { id: string; kind: string; createdAt: Date }[] = [];
    for (let n = 0; n < 61; n++) {
      const createdAt = new Date(START + Math.floor(n / 2) * 1000);
      const kind = n % 3 === 0 ? "run-failed" : "settings-changed";
      const row = await db.appEvent.create({ data: { shop, kind, message: `event ${n}`, createdAt } });
      made.push({ id: row.id, kind, createdAt });
    }
    const foreign = await db.appEvent.create({
      data: { shop: other, kind: "run-failed", message: "not yours", createdAt: new Date(START + 4000) },
    });

    const events = async (query: string) =>
      ((await logsLoader({ request: adminRequest(shop, `/app/logs${query}`), params: {}, context: {} })) as Any)
        .appEvents;
    const all = await walkPages(events, "?");
    expect(all.total).toBe(61);
    expect(all.pages).toEqual([25, 25, 11]);
    expect(all.ids).toEqual(newestFirst(made));
    expect(all.ids).not.toContain(foreign.id);

    const failed = await walkPages(events, "?kind=run-failed");
    expect(failed.total).toBe(21);
    expect(failed.ids).toEqual(newestFirst(made.filter((e) => e.kind === "run-failed")));
  });
});

describe("Gift cards screen: the cards", () => {
  it("pages every card last checked first with the total, the search kept, not only the latest 50", async () => {
    const shop = uniqueShop("cards-paged");
    const other = uniqueShop("cards-paged-other");
    await installShop(shop);
    await installShop(other);
    const card = (forShop: string, code: string, n: number) => ({
      shop: forShop,
      code,
      erpActivated: true,
      initialCents: 5000,
      currency: "EUR",
      erpBalanceCents: 5000,
      shopifyBalanceCents: 5000,
      customerEmail: n % 2 === 0 ? `even${n}@example.test` : `odd${n}@example.test`,
      lastCheckedAt: new Date(START + Math.floor(n / 3) * 1000),
    });
    const cards = Array.from({ length: 112 }, (_, n) => card(shop, `CARD-${String(n).padStart(4, "0")}`, n));
    await db.giftCardLink.createMany({ data: cards });
    await db.giftCardLink.create({ data: card(other, "CARD-0007", 7) });
    const expected = (rows: typeof cards) =>
      [...rows]
        .sort(
          (a, b) =>
            b.lastCheckedAt.getTime() - a.lastCheckedAt.getTime() || (a.code < b.code ? 1 : a.code > b.code ? -1 : 0),
        )
        .map((c) => c.code);

    const list = async (query: string) => {
      const { cards: page } = (await giftCardsLoader({
        request: adminRequest(shop, `/app/gift-cards${query}`),
        params: {},
        context: {},
      })) as Any;
      return { ...page, items: page.items.map((c: Any) => ({ ...c, id: c.code })) };
    };
    const all = await walkPages(list, "?");
    expect(all.total).toBe(112);
    expect(all.pages).toEqual([50, 50, 12]);
    expect(all.ids).toEqual(expected(cards));

    const odd = await walkPages(list, "?q=odd");
    expect(odd.total).toBe(56);
    expect(odd.pages).toEqual([50, 6]);
    expect(odd.ids).toEqual(expected(cards.filter((c) => c.customerEmail.startsWith("odd"))));

    // The other shop's card of the same code is its own: it sees one card, this shop's never.
    const theirs = (
      (await giftCardsLoader({ request: adminRequest(other, "/app/gift-cards"), params: {}, context: {} })) as Any
    ).cards;
    expect(theirs.total).toBe(1);
    expect(theirs.items.map((c: Any) => c.customerEmail)).toEqual(["odd7@example.test"]);
  });
});
