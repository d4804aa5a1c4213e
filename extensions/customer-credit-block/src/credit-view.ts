// What the block shows, as a tree of Polaris web components (s-…), from the app's answer. Kept apart
// from the rendering so a unit test reads it without Shopify admin.

/** The app's /api/customers/credit answer (app/customers/credit.server.ts), as far as the block reads it. */
export interface CreditAnswer {
  sourceName: string;
  email: string;
  customer: { id: string; firstName: string; lastName: string } | null;
  currency: string;
  walletBalance: number;
  wallets: { code: string; issuedIn: "store" | "web"; balance: number }[];
  creditNotesRemaining: number;
  creditNotes: { id: string; remaining: number; expiresOn?: string }[];
}

export interface BlockNode {
  tag: string;
  props?: Record<string, string>;
  text?: string;
  children?: BlockNode[];
}

const text = (value: string, props?: Record<string, string>): BlockNode => ({ tag: "s-text", text: value, props });
const stack = (children: BlockNode[]): BlockNode => ({ tag: "s-stack", props: { gap: "small-200" }, children });

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);

export function loadingContent(): BlockNode[] {
  return [text("Reading the ERP…", { tone: "neutral" })];
}

/** The error the app answered (its `error` field is already in plain words). */
export function errorContent(message: string): BlockNode[] {
  return [{ tag: "s-banner", props: { tone: "critical" }, children: [text(message)] }];
}

export function creditContent(answer: CreditAnswer): BlockNode[] {
  if (!answer.customer) return [text(`${answer.sourceName} has no customer with the e-mail ${answer.email}.`)];
  const wallets = answer.wallets.map((w) =>
    text(`${w.code} (${w.issuedIn === "store" ? "in a store" : "web"}): ${money(w.balance, answer.currency)}`),
  );
  const notes = answer.creditNotes.map((n) =>
    text(`${n.id}: ${money(n.remaining, answer.currency)} left${n.expiresOn ? `, expires on ${n.expiresOn}` : ""}`),
  );
  return [
    stack([
      { tag: "s-heading", text: `Wallet balance: ${money(answer.walletBalance, answer.currency)}` },
      ...(wallets.length ? wallets : [text("No wallet.", { tone: "neutral" })]),
    ]),
    stack([
      { tag: "s-heading", text: `Open credit notes: ${money(answer.creditNotesRemaining, answer.currency)}` },
      ...(notes.length ? notes : [text("No open credit note.", { tone: "neutral" })]),
    ]),
    text(`From ${answer.sourceName}, customer ${answer.customer.id}.`, { tone: "neutral" }),
  ];
}
