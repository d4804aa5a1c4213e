// Fastmag as a source of customer credit: its PME (electronic wallets) and avoirs (credit notes), read by
// the customer's e-mail. Fastmag keeps amounts without a currency: they are in the shop's (EUR unless set).
import type {
  CreditNote,
  CustomerCredit,
  CustomerCreditSource,
  Wallet,
} from "../../capabilities/customer-credit-source";
import type { Avoir, Pme } from "../../domain/payments";
import type { FastmagConnector } from "./index.server";
import { fastmagDate } from "./queries.server";
import type { FastmagSettings } from "./settings.server";

const wallet = (pme: Pme): Wallet => ({ code: pme.code, issuedIn: pme.kind, balance: pme.balance });
const creditNote = (avoir: Avoir): CreditNote => ({
  id: avoir.id,
  amount: avoir.amount,
  remaining: avoir.remaining,
  createdOn: avoir.createdOn,
  ...(avoir.expiresOn ? { expiresOn: avoir.expiresOn } : {}),
});

export function fastmagCustomerCreditSource(
  fastmag: FastmagConnector,
  settings: Pick<FastmagSettings, "timeZone">,
  options: { currency?: string; now?: () => Date } = {},
): CustomerCreditSource {
  const currency = options.currency ?? "EUR";
  // Open: something left and not past its expiry day (the shop's day, as Fastmag dates are local).
  const isOpen = (avoir: Avoir) => {
    const today = fastmagDate((options.now ?? (() => new Date()))(), settings.timeZone).slice(0, 10);
    return avoir.remaining > 0 && (!avoir.expiresOn || avoir.expiresOn >= today);
  };
  return {
    customerByEmail: async (email) => {
      const customer = await fastmag.customers.customerByEmail(email);
      if (!customer) return null;
      return {
        id: customer.id,
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        ...(customer.phone ? { phone: customer.phone } : {}),
      };
    },
    creditOf: async (email) => {
      const [pmes, avoirs] = await Promise.all([fastmag.pme.pmesOf(email), fastmag.avoirs.avoirsOf(email)]);
      return {
        email,
        currency,
        wallets: pmes.items.map(wallet),
        creditNotes: avoirs.items.filter(isOpen).map(creditNote),
      };
    },
    allCredit: async () => {
      const [pmes, avoirs] = await Promise.all([fastmag.pme.customersPmes(), fastmag.avoirs.avoirs()]);
      const byEmail = new Map<string, CustomerCredit>();
      const of = (email: string) => {
        const key = email.toLowerCase();
        let credit = byEmail.get(key);
        if (!credit) byEmail.set(key, (credit = { email, currency, wallets: [], creditNotes: [] }));
        return credit;
      };
      for (const pme of pmes.items) if (pme.customerEmail) of(pme.customerEmail).wallets.push(wallet(pme));
      for (const avoir of avoirs.items)
        if (avoir.customerEmail && isOpen(avoir)) of(avoir.customerEmail).creditNotes.push(creditNote(avoir));
      const skipped = [...pmes.skipped, ...avoirs.skipped].map((s) => ({
        key: s.externalId,
        reason: s.reason,
        words: s.words,
      }));
      return { items: [...byEmail.values()], skipped };
    },
  };
}
