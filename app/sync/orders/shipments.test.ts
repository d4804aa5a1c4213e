// A shipment several systems refused at once: each refusal keeps its words, so a French admin reads every
// reason in French (they were joined as English text before), and the English is as it was.
import { describe, expect, it } from "vitest";
import { said, sayIn } from "../../i18n/stored-words";
import { PermanentError, TransientError } from "../../lib/errors";
import { shipmentNotSent } from "./shipments.server";

describe("a shipment not sent", () => {
  it("says each system's reason in the reader's language when several refused it", () => {
    const message = shipmentNotSent("1042", [
      { name: "CRM", error: new TransientError(said("run.databaseBusy")) },
      { name: "Warehouse", error: new PermanentError(said("words6.pos.refused")) },
    ]);
    const busyEn = said("run.databaseBusy").text;
    expect(message.text).toBe(
      `Order 1042: the shipment could not be sent to CRM and Warehouse: ${busyEn}; Refused by the point of sale.`,
    );
    const busyFr = sayIn(said("run.databaseBusy"), "fr");
    expect(sayIn(message, "fr")).toBe(
      `Commande 1042 : l'expédition n'a pas pu être envoyée à CRM et Warehouse : ${busyFr} ; Refusé par le point de vente.`,
    );
  });

  it("names three systems with a comma and keeps another system's plain text as it was", () => {
    const message = shipmentNotSent("7", [
      { name: "A", error: new PermanentError("unknown warehouse") },
      { name: "B", error: new Error("socket hang up") },
      { name: "C", error: new PermanentError(said("words6.pos.refused")) },
    ]);
    expect(sayIn(message, "fr")).toBe(
      "Commande 7 : l'expédition n'a pas pu être envoyée à A, B et C : unknown warehouse ; socket hang up ; Refusé par le point de vente.",
    );
  });
});
