// Contract: each fault the emulator can inject, and what the connector does with it — retry what is
// transient (5xx, timeouts on reads, network), report what is not (KO, bad credentials, bad answers).
import http from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import {
  FastmagClient,
  FastmagProtocolError,
  FastmagRefusedError,
  FastmagUnavailableError,
  type FastmagCallRecord,
} from "~/connectors/fastmag/index.server";
import { sayIn } from "~/i18n/stored-words";
import { isTransient, merchantMessageOf } from "~/lib/errors";
import { technicalDetails } from "~/lib/merchant-messages.server";
import { BAD_CREDENTIALS_MESSAGE } from "../../emulators/fastmag/index";
import { CREDENTIALS, startFastmag } from "./fastmag-harness";

let ctx: Awaited<ReturnType<typeof startFastmag>>;
afterEach(() => ctx?.emulator.close());

const start = async (timeoutMs = 5_000, calls: FastmagCallRecord[] = []) => {
  ctx = await startFastmag({ seed: { variants: 40 } }, { timeoutMs, options: { onCall: (c) => calls.push(c) } });
  return calls;
};
const outcomes = () => ctx.emulator.calls.map((c) => c.outcome);

describe("transient failures are retried", () => {
  it("retries HTTP 5xx and returns the answer", async () => {
    const calls = await start();
    ctx.emulator.setFaults({ http5xxNext: 2 });
    expect((await ctx.fastmag.giftCards.giftCards()).items).toHaveLength(3);
    expect(outcomes()).toEqual(["http503", "http503", "rows:3"]);
    expect(calls).toMatchObject([{ page: "ediquery.ips", summary: "query on giftcards", attempts: 3, status: 200 }]);
  });

  it("gives up after the last attempt with a transient error naming the call", async () => {
    await start();
    ctx.emulator.setFaults({ http5xxNext: 10, status5xx: 502 });
    const error = await ctx.fastmag.pme.pmes().catch((e) => e);
    expect(error).toBeInstanceOf(FastmagUnavailableError);
    expect(isTransient(error)).toBe(true);
    // The merchant's sentence names no page or query; Technical details keep which call it was.
    expect(error.message).toBe("Fastmag answered HTTP 502 (server error) (after 4 attempts)");
    expect(technicalDetails(error)).toContain("query on pme on ediquery.ips");
    expect(outcomes()).toEqual(["http502", "http502", "http502", "http502"]);
  });

  it("retries a read that timed out", async () => {
    await start(300);
    ctx.emulator.setFaults({ timeoutNext: 1 });
    expect(await ctx.fastmag.pme.balance("PME-WEB-001")).toBe(42.5);
    expect(outcomes()).toEqual(["timeout", "rows:1"]);
  });

  it("does not resend a transaction that timed out: it may have been applied", async () => {
    await start(300);
    ctx.emulator.setFaults({ timeoutNext: 1 });
    const error = await ctx.fastmag.orders.setWebStatus("1", 300).catch((e) => e);
    expect(error).toBeInstanceOf(FastmagUnavailableError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toBe("Fastmag did not answer within 300 ms; it may have been applied");
    expect(technicalDetails(error)).toContain("VSHOPSTATUS on ediwebsrv.ips");
    expect(outcomes()).toEqual(["timeout"]);
  });

  it("does not resend a transaction whose answer was cut off: it may have been applied", async () => {
    await start();
    // A window open well past the call's start on a loaded machine, and shorter than the 5 s timeout.
    ctx.emulator.setFaults({ hangMs: 1_500, hangEnd: "reset", hangPages: ["ediwebsrv.ips"] });
    const error = await ctx.fastmag.orders.setWebStatus("1", 300).catch((e) => e);
    expect(error).toBeInstanceOf(FastmagUnavailableError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toBe(
      "Fastmag's answer was lost on the way (the connection was cut); it may have been applied",
    );
    expect(technicalDetails(error)).toMatch(/VSHOPSTATUS on ediwebsrv.ips: the connection was cut/);
    expect(ctx.emulator.calls).toHaveLength(1);
  });

  it("retries a transaction refused with HTTP 5xx (not applied)", async () => {
    await start();
    ctx.emulator.setFaults({ http5xxNext: 1 });
    await ctx.fastmag.orders.setWebStatus("1", 200);
    expect(outcomes()).toEqual(["http503", "OK"]);
    expect((await ctx.fastmag.orders.orderById("1"))?.status).toBe(200);
  });

  it("waits through latency within the timeout, and reports when latency exceeds it", async () => {
    await start(2_000);
    ctx.emulator.setFaults({ latencyMs: 150 });
    expect(await ctx.fastmag.giftCards.giftCard("CADEAU-0001")).toMatchObject({ balance: 50 });
    await ctx.emulator.close();
    ctx = await startFastmag(
      { seed: { variants: 10 }, faults: { latencyMs: 400 } },
      { timeoutMs: 100, options: { maxAttempts: 2 } },
    );
    const error = await ctx.fastmag.giftCards.giftCard("CADEAU-0001").catch((e) => e);
    expect(error).toBeInstanceOf(FastmagUnavailableError);
    expect(error.message).toBe("Fastmag did not answer within 100 ms (after 2 attempts)");
    expect(error.message).not.toMatch(/ediquery|\.ips|query on/);
    expect(technicalDetails(error)).toContain("query on giftcards on ediquery.ips");
  });

  it("reports an unreachable instance as transient", async () => {
    await start();
    await ctx.emulator.close();
    const error = await ctx.fastmag.catalog.seasons().catch((e) => e);
    expect(error).toBeInstanceOf(FastmagUnavailableError);
    // Plain words for the merchant; the call and the address only in the cause (Technical details).
    expect(error.message).toBe(
      "Fastmag is not answering at its address. Check the address, or that Fastmag is running. (after 4 attempts)",
    );
    expect(String(error.cause?.message)).toMatch(
      /^query on products on ediquery.ips: the connection to 127.0.0.1 was refused$/,
    );
    ctx = await startFastmag({ seed: { variants: 1 } }); // afterEach closes this one
  });
});

describe("refusals are reported, not retried", () => {
  it("reports a KO answer once, with Fastmag's words", async () => {
    await start();
    ctx.emulator.setFaults({ koNext: 1, koMessage: "Base en maintenance" });
    const error = await ctx.fastmag.avoirs.avoirs().catch((e) => e);
    expect(error).toBeInstanceOf(FastmagRefusedError);
    expect(error).toMatchObject({
      message: "Fastmag refused query on avoirs: “Base en maintenance”",
      reason: "refused",
      transient: false,
    });
    expect(outcomes()).toEqual(["KO"]);
    expect((await ctx.fastmag.avoirs.avoirs()).items).toHaveLength(2);
  });

  it("reports wrong credentials on queries and transactions", async () => {
    ctx = await startFastmag({ seed: { variants: 5 } }, { motpasse: "wrong-password" });
    for (const call of [() => ctx.fastmag.catalog.products(), () => ctx.fastmag.orders.setWebStatus("1", 300)]) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(FastmagRefusedError);
      expect(error.reason).toBe("credentials");
      expect(error.message).toContain(`Fastmag refused the credentials of MAISONTEST/WEB (account passerelle)`);
      expect(error.message).toContain(BAD_CREDENTIALS_MESSAGE);
    }
    expect(outcomes()).toEqual(["KO", "KO"]);
  });

  it("refuses anything but a SELECT on ediquery.ips", async () => {
    await start();
    await expect(ctx.fastmag.client.query("DELETE FROM giftcards")).rejects.toThrow(
      "Fastmag refused query on giftcards: “Seules les requêtes SELECT sont autorisées”",
    );
    await expect(ctx.fastmag.client.query("SELECT 1; DELETE FROM giftcards")).rejects.toBeInstanceOf(
      FastmagRefusedError,
    );
    await expect(ctx.fastmag.client.query("SELECT nope FROM giftcards")).rejects.toThrow(
      "Erreur SQL : no such column: nope",
    );
    expect((await ctx.fastmag.giftCards.giftCards()).items).toHaveLength(3);
  });

  it("reports an answer that is neither a table nor OK/KO as a protocol error, without echoing it", async () => {
    await start();
    // A misconfigured address answering a maintenance page instead of Fastmag.
    const page = http.createServer((req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html>Maintenance en cours</html>"),
    );
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    try {
      const client = new FastmagClient(
        { baseUrl: `http://127.0.0.1:${(page.address() as AddressInfo).port}`, ...CREDENTIALS },
        { logger: ctx.log },
      );
      const queryError = await client.query("SELECT code FROM pme").catch((e) => e);
      expect(queryError).toBeInstanceOf(FastmagProtocolError);
      // The address may lead to anything (another service of the network): its text is never repeated.
      expect(queryError.message).toBe(
        "Fastmag answered query on pme with something that is not a Fastmag table (no header row)",
      );
      // A run that fails on it stores its words: a French admin reads it in French.
      expect(sayIn(merchantMessageOf(queryError)!, "fr")).toBe(
        "Fastmag a répondu à query on pme par quelque chose qui n'est pas une table Fastmag (pas de ligne d'en-tête)",
      );
      await expect(client.transact("VSHOPSTATUS|1|300")).rejects.toThrow(
        "Fastmag answered VSHOPSTATUS with something that is neither OK nor KO",
      );
    } finally {
      await new Promise((resolve) => page.close(resolve));
    }
  });
});

describe("distorted answers", () => {
  it("turns malformed rows into skipped records with reasons and keeps the rest", async () => {
    await start();
    ctx.emulator.setFaults({ malformedRows: { every: 5 } });
    const { items, skipped } = await ctx.fastmag.inventory.fullInventory();
    const total = (ctx.emulator.db.prepare("SELECT COUNT(*) AS n FROM stocks").get() as { n: number }).n;
    expect(items.length + skipped.length).toBe(total);
    expect(skipped).toHaveLength(Math.floor(total / 5));
    expect(skipped[0].reason).toMatch(/^row 5: expected 6 fields, found 5 \(/);
    const notANumber = skipped.find((s) => s.reason.startsWith("row 10 "));
    expect(notANumber?.reason).toMatch(/^row 10 \(ref \S+ .+\): stock_a "abc" is not a number$/);
    expect(notANumber?.externalId).toMatch(/^[A-Z0-9]+\|.+\|.+$/);
  });

  it("reads UTF-8 answers mislabelled as windows-1252, and says so in the log", async () => {
    await start();
    ctx.emulator.setFaults({ encoding: "utf8" });
    expect(await ctx.fastmag.customers.customerByEmail("francois.garcon@example.fr")).toMatchObject({
      firstName: "François",
      lastName: "Garçon",
    });
    expect(ctx.log.lines.some((l) => l.includes("answered UTF-8"))).toBe(true);
  });

  it("reads fields wrapped in double quotes", async () => {
    await start();
    ctx.emulator.setFaults({ quoteFields: true });
    expect(await ctx.fastmag.catalog.productBySku("BOXE20BEWARE|MARINE/GRIS CHINE|S")).toMatchObject({
      title: "Boxer coton peigné façon œillet",
      price: 25,
    });
  });
});

describe("the emulator's protocol tolerance", () => {
  it("accepts GET with parameter names in any case and utilisateur for compte, and windows-1252 request bytes", async () => {
    await start();
    const data = iconv.encode("SELECT lastname FROM customers WHERE firstname = 'François'", "windows-1252");
    const encoded = [...data].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
    const url = `${ctx.emulator.url}ediquery.ips?ENSEIGNE=${CREDENTIALS.enseigne}&Magasin=WEB&Utilisateur=${CREDENTIALS.compte}&MotPasse=${encodeURIComponent(CREDENTIALS.motpasse)}&DATA=${encoded}`;
    const response = await fetch(url);
    expect(iconv.decode(Buffer.from(await response.arrayBuffer()), "windows-1252")).toBe("lastname\r\nGarçon\r\n");
  });
});
