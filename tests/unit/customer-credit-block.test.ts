// The admin block (extensions/customer-credit-block): what it shows for the app's answers, and that it
// bundles with no dependency to fetch (it builds offline, as `shopify app deploy` bundles it).
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import {
  creditContent,
  errorContent,
  type BlockNode,
  type CreditAnswer,
} from "../../extensions/customer-credit-block/src/credit-view";

const texts = (nodes: BlockNode[]): string[] =>
  nodes.flatMap((n) => [...(n.text ? [n.text] : []), ...texts(n.children ?? [])]);

const answer: CreditAnswer = {
  sourceName: "Fastmag",
  email: "helene.lefevre@example.fr",
  customer: { id: "1", firstName: "Hélène", lastName: "Lefèvre" },
  currency: "EUR",
  walletBalance: 57.5,
  wallets: [
    { code: "PME-MAG-001", issuedIn: "store", balance: 15 },
    { code: "PME-WEB-001", issuedIn: "web", balance: 42.5 },
  ],
  creditNotesRemaining: 60,
  creditNotes: [{ id: "1", remaining: 60, expiresOn: "2027-11-11" }],
};

describe("the customer credit admin block", () => {
  it("shows the wallet balance, each wallet and each open credit note", () => {
    expect(texts(creditContent(answer))).toEqual([
      "Wallet balance: €57.50",
      "PME-MAG-001 (in a store): €15.00",
      "PME-WEB-001 (web): €42.50",
      "Open credit notes: €60.00",
      "1: €60.00 left, expires on 2027-11-11",
      "From Fastmag, customer 1.",
    ]);
  });

  it("says when the ERP has no such customer, or what the app answered went wrong", () => {
    expect(texts(creditContent({ ...answer, customer: null, wallets: [], creditNotes: [] }))).toEqual([
      "Fastmag has no customer with the e-mail helene.lefevre@example.fr.",
    ]);
    expect(errorContent("Fastmag is not set up for this shop yet.")[0]).toMatchObject({
      tag: "s-banner",
      props: { tone: "critical" },
    });
  });

  it("bundles on its own, with nothing imported from outside its folder", async () => {
    const result = await build({
      entryPoints: [path.resolve(__dirname, "../../extensions/customer-credit-block/src/BlockExtension.ts")],
      bundle: true,
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(Object.keys(result.metafile.inputs).every((f) => f.startsWith("extensions/customer-credit-block/"))).toBe(
      true,
    );
    expect(result.outputFiles[0]!.text).toContain("admin-block");
  });
});
