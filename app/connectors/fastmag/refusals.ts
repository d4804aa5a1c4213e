// Fastmag's refusals (`KO|Article inconnu : REF COLOR SIZE`) in the merchant's words. Fastmag's own
// text stays on the error as its technical detail; screens show the explanation and keep the raw
// text behind "Technical details".
import { said, type Said } from "../../i18n/stored-words";
import { ExternalSystemError } from "../../lib/errors";
import { FastmagRefusedError } from "./errors";

const RULES: { pattern: RegExp; explain: (m: RegExpExecArray) => Said }[] = [
  {
    pattern: /^Article inconnu\s*:\s*(.+)$/i,
    explain: (m) => said("fastmag.unknownArticle", { article: m[1]!.trim() }),
  },
  {
    pattern: /^Client inconnu\s*:\s*(.+)$/i,
    explain: (m) => said("fastmag.unknownCustomer", { customer: m[1]!.trim() }),
  },
  {
    pattern: /^Commande inconnue\s*:\s*(.+)$/i,
    explain: (m) => said("fastmag.unknownOrder", { order: m[1]!.trim() }),
  },
  {
    pattern: /^Statut inconnu\s*:\s*(.+)$/i,
    explain: (m) => said("fastmag.unknownStatus", { status: m[1]!.trim() }),
  },
  {
    pattern: /stock (insuffisant|n[ée]gatif)/i,
    explain: () => said("fastmag.notEnoughStock"),
  },
];

/** Fastmag's refusal text (after `KO|`) in plain words; a refusal no rule knows is quoted as it came.
 *  `what` is what was refused ("the order"), said with a key so a French admin reads it too. */
export function explainFastmagRefusal(fastmagMessage: string, what: Said): Said {
  const text = fastmagMessage.trim();
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (match) return rule.explain(match);
  }
  return said("fastmag.refusedSaying", { what, said: text });
}

/** Runs a Fastmag call; a refusal becomes an error in plain words carrying Fastmag's text as its detail. */
export async function explainingRefusals<T>(what: Said, call: () => Promise<T>): Promise<T> {
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
