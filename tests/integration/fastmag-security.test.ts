// The Fastmag password must never appear in what the connector logs or throws — not for a failing
// call, not when the server echoes it, not when the configured password is the wrong one.
import { afterEach, describe, expect, it } from "vitest";
import { createFastmagConnector } from "~/connectors/fastmag/index.server";
import { CREDENTIALS, recordingLogger, startFastmag } from "./fastmag-harness";

let ctx: Awaited<ReturnType<typeof startFastmag>>;
afterEach(() => ctx?.emulator.close());

/** Everything an error carries: message, stack, own fields and its causes, as text. */
function everythingIn(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error);
  const fields = Object.fromEntries(Object.entries(error));
  return [
    error.message,
    error.stack,
    JSON.stringify(fields),
    everythingIn((error as { cause?: unknown }).cause, depth + 1),
  ].join("\n");
}

const variantsOf = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")];

describe("the password stays secret", () => {
  it("is absent from logs and errors across successful and failing calls of every kind", async () => {
    ctx = await startFastmag({ seed: { variants: 30 } }, { timeoutMs: 200, options: { maxAttempts: 2 } });
    const debugLog = recordingLogger(ctx.log.lines);
    const fastmag = createFastmagConnector(
      { baseUrl: ctx.emulator.url, ...CREDENTIALS, timeoutMs: 200 },
      {},
      { logger: debugLog, backoffBaseMs: 5, maxAttempts: 2 },
    );
    const thrown: unknown[] = [];
    const attempt = async (call: () => Promise<unknown>) => call().catch((e) => thrown.push(e));

    await attempt(() => fastmag.catalog.products());
    ctx.emulator.setFaults({ http5xxNext: 5 });
    await attempt(() => fastmag.pme.pmes());
    ctx.emulator.setFaults({ timeoutNext: 5 });
    await attempt(() => fastmag.giftCards.giftCards());
    await attempt(() => fastmag.orders.setWebStatus("1", 300));
    ctx.emulator.setFaults({
      koNext: 2,
      koMessage: `Mot de passe ${CREDENTIALS.motpasse} expiré pour ${CREDENTIALS.compte}`,
    });
    await attempt(() => fastmag.avoirs.avoirs());
    await attempt(() => fastmag.customers.createCustomer({ email: "a@b.fr", firstName: "A", lastName: "B" }));
    ctx.emulator.setFaults({});
    await attempt(() => fastmag.client.query("SELECT motpasse FROM nowhere"));
    await attempt(() => fastmag.client.query("DROP TABLE products"));
    await ctx.emulator.close();
    await attempt(() => fastmag.catalog.seasons());
    ctx = await startFastmag({ seed: { variants: 1 } });

    expect(thrown).toHaveLength(8);
    const everything = [...debugLog.lines, ...thrown.map((e) => everythingIn(e))].join("\n");
    expect(everything).toContain("Mot de passe *** expiré");
    for (const form of variantsOf(CREDENTIALS.motpasse)) expect(everything).not.toContain(form);
  });

  it("does not reveal a wrong password either", async () => {
    const wrong = "Wr0ng&Secret%42";
    ctx = await startFastmag({ seed: { variants: 5 } }, { motpasse: wrong });
    const errors = await Promise.all([
      ctx.fastmag.catalog.products().catch((e) => e),
      ctx.fastmag.orders.setWebStatus("1", 300).catch((e) => e),
    ]);
    const everything = [...ctx.log.lines, ...errors.map((e) => everythingIn(e))].join("\n");
    expect(errors.every((e) => e instanceof Error && e.message.includes("refused the credentials"))).toBe(true);
    for (const form of [...variantsOf(wrong), ...variantsOf(CREDENTIALS.motpasse)])
      expect(everything).not.toContain(form);
  });
});
