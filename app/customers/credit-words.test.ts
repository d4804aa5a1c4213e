import { describe, expect, it } from "vitest";
import type { Db } from "../db.server";
import { checkedEmail } from "./credit.server";
import { MIRROR_SCREEN_WORDS, MIRROR_WORDS, saveMirrorMode } from "./store-credit-mirror.server";

describe("the Customers screen's server words in the admin's language", () => {
  it("refuses a wrong e-mail in English by default and in French for a French admin", () => {
    expect(() => checkedEmail("nope")).toThrow("Type the customer's e-mail address.");
    try {
      checkedEmail("nope", "fr");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        message: "Saisissez l'adresse e-mail du client.",
        fieldErrors: { email: "« nope » n'est pas une adresse e-mail." },
      });
    }
    expect(checkedEmail(" a@b.fr ", "fr")).toBe("a@b.fr");
  });

  it("offers the store-credit choices in both languages and refuses an unknown one in French", async () => {
    expect(MIRROR_SCREEN_WORDS.en.choices).toBe(MIRROR_WORDS);
    expect(MIRROR_SCREEN_WORDS.fr.choices).toEqual({
      off: "Rien (désactivé)",
      wallet: "Le solde du porte-monnaie",
      "credit-notes": "Les avoirs ouverts",
    });
    await expect(saveMirrorMode({} as Db, "shop", "everything", "fr")).rejects.toMatchObject({
      message: "Choisissez ce qui est reporté sur le crédit en magasin.",
    });
    await expect(saveMirrorMode({} as Db, "shop", "everything")).rejects.toMatchObject({
      message: "Choose what to mirror to store credit.",
    });
  });
});
