// Fastmag's refusals (`KO|Article inconnu : REF COLOR SIZE`) in the merchant's words. Fastmag's own
// text stays on the error as its technical detail; screens show the explanation and keep the raw
// text behind "Technical details".
import { ExternalSystemError } from "../../lib/errors";
import { FastmagRefusedError } from "./errors";

const RULES: { pattern: RegExp; explain: (m: RegExpExecArray) => string }[] = [
  {
    pattern: /^Article inconnu\s*:\s*(.+)$/i,
    explain: (m) =>
      `Fastmag does not know the article ${m[1]!.trim()}: create it there or map it to a Shopify variant.`,
  },
  {
    pattern: /^Client inconnu\s*:\s*(.+)$/i,
    explain: (m) => `Fastmag does not know the customer ${m[1]!.trim()}: create the customer there, then retry.`,
  },
  {
    pattern: /^Commande inconnue\s*:\s*(.+)$/i,
    explain: (m) => `Fastmag has no order ${m[1]!.trim()}: it may have been deleted there.`,
  },
  {
    pattern: /^Statut inconnu\s*:\s*(.+)$/i,
    explain: (m) => `Fastmag does not accept the status ${m[1]!.trim()}: add it to Fastmag's order statuses.`,
  },
  {
    pattern: /stock (insuffisant|n[ée]gatif)/i,
    explain: () => "Fastmag does not have enough stock for this move.",
  },
];

/** Fastmag's refusal text (after `KO|`) in plain words; a refusal no rule knows is quoted as it came. */
export function explainFastmagRefusal(fastmagMessage: string, what: string): string {
  const text = fastmagMessage.trim();
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (match) return rule.explain(match);
  }
  return `Fastmag refused ${what}. Fastmag said: "${text}".`;
}

/** Runs a Fastmag call; a refusal becomes an error in plain words carrying Fastmag's text as its detail. */
export async function explainingRefusals<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FastmagRefusedError && error.reason === "refused")
      throw new ExternalSystemError(explainFastmagRefusal(error.fastmagMessage, what), {
        cause: error,
        detail: error.message,
      });
    throw error;
  }
}
