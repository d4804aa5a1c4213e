import { describe, expect, it } from "vitest";
import type { Db } from "../../db.server";
import { planGiftCardMail, resendGiftCardMail } from "./mails.server";
import { CHECK_WORDS, checkGiftCardNow } from "./screen.server";

const now = new Date("2026-12-01T10:00:00Z");
const checked = { giftCardLink: { findUnique: async () => ({ code: "GC-1" }) } } as unknown as Db;
const noMail = { giftCardMail: { findFirst: async () => null } } as unknown as Db;

describe("the Gift cards screen's server words in the admin's language", () => {
  it("refuses an empty code in English by default and in French for a French admin", async () => {
    await expect(checkGiftCardNow("shop", " ")).rejects.toMatchObject({ message: "Enter a gift card code." });
    await expect(checkGiftCardNow("shop", " ", "fr")).rejects.toMatchObject({
      message: "Saisissez un code de carte cadeau.",
      fieldErrors: { code: "Saisissez un code de carte cadeau." },
    });
  });

  it("says what a check did in both languages, English as the check says it", () => {
    expect(CHECK_WORDS.en["not-activated"]("GC-1", "Caisse")).toBe("Gift card GC-1 is not activated in Caisse yet.");
    expect(CHECK_WORDS.fr["not-activated"]("GC-1", "Caisse")).toBe(
      "La carte cadeau GC-1 n'est pas encore activée dans Caisse.",
    );
    expect(CHECK_WORDS.fr.created("GC-1")).toBe("La carte cadeau GC-1 a été créée dans Shopify.");
  });

  it("refuses a mail without a recipient, and a resend without one, in French", async () => {
    await expect(planGiftCardMail(checked, "shop", "GC-1", {}, now)).rejects.toMatchObject({
      message: "The mail was not planned.",
      fieldErrors: { recipientEmail: "Enter the recipient's e-mail address." },
    });
    await expect(planGiftCardMail(checked, "shop", "GC-1", {}, now, "fr")).rejects.toMatchObject({
      message: "L'e-mail n'a pas été planifié.",
      fieldErrors: { recipientEmail: "Saisissez l'adresse e-mail du destinataire." },
    });
    await expect(resendGiftCardMail(noMail, "shop", "GC-1", now, "fr")).rejects.toMatchObject({
      message: "La carte cadeau GC-1 n'a aucun destinataire à qui envoyer un e-mail.",
    });
  });
});
