// Run lines said with keys (ADR 0021) that the integration tests do not reach in French: what is stored
// is read back by a French admin in French, by an English one as the English that was stored.
import { describe, expect, it } from "vitest";
import { said, storedText, wordsJson, type Said } from "./stored-words";

const read = (message: Said) => ({
  en: storedText(message.text, wordsJson(message), "en"),
  fr: storedText(message.text, wordsJson(message), "fr"),
});

describe("run lines in the reader's language", () => {
  it("Tuyo's refusal of a product's stock keeps Tuyo's words, quoted", () => {
    expect(read(said("tuyo.stockRefused", { sku: "CAM-01", refusal: "Variante no encontrada" }))).toEqual({
      en: "Tuyo refused the stock of CAM-01: “Variante no encontrada”",
      fr: "Tuyo a refusé le stock de CAM-01 : « Variante no encontrada »",
    });
  });

  it("the event feed catch-up says what it sent, or that nothing was missed", () => {
    expect(
      read(said("feed.sentMissed", { count: 2, events: "orders/create order 12, products/create product 3" })),
    ).toEqual({
      en: "Sent 2 missed event(s): orders/create order 12, products/create product 3",
      fr: "2 événements manqués envoyés : orders/create order 12, products/create product 3",
    });
    expect(read(said("feed.sentMissed", { count: 1, events: "orders/create order 12" })).fr).toBe(
      "1 événement manqué envoyé : orders/create order 12",
    );
    expect(read(said("feed.noneMissed", { from: "2026-01-01T00:00:00.000Z", to: "2026-01-01T01:00:00.000Z" }))).toEqual(
      {
        en: "No missed event between 2026-01-01T00:00:00.000Z and 2026-01-01T01:00:00.000Z",
        fr: "Aucun événement manqué entre 2026-01-01T00:00:00.000Z et 2026-01-01T01:00:00.000Z",
      },
    );
    expect(read(said("feed.phase.checking")).fr).toBe("Recherche dans Shopify des événements manqués");
  });

  it("the fulfillment service setup says what it did", () => {
    expect(read(said("fulfillmentService.created", { location: "gid://shopify/Location/7" }))).toEqual({
      en: "Fulfillment service created with location gid://shopify/Location/7.",
      fr: "Service de traitement créé avec l'emplacement gid://shopify/Location/7.",
    });
    expect(read(said("fulfillmentService.alreadyRegistered")).fr).toBe(
      "Le service de traitement était déjà enregistré.",
    );
  });

  it("RetailCRM's offer no longer known, and the store credit run's phase", () => {
    expect(read(said("retailcrm.offerGone")).fr).toBe(
      "RetailCRM ne connaît plus l'offre associée à ce SKU : elle sera recherchée à nouveau lors de la prochaine exécution complète.",
    );
    expect(read(said("customers.phase.mirroring")).fr).toBe("Report sur le crédit en magasin");
  });

  it("amounts of an unknown currency are said as the number and the code", () => {
    const line = said("customers.onlyLeft", { source: "Fastmag", downCents: 1050, leftCents: 500, currency: "??" });
    expect(read(line).fr).toBe(
      "Fastmag a baissé de 10.5 ?? mais il ne reste que 5 ?? de crédit en magasin dans Shopify : seul ce montant a été retiré.",
    );
  });

  it("Shopify's bulk operations and uploads: its status and codes stay its own", () => {
    expect(
      read(said("shopify.bulkEnded", { id: "gid://shopify/BulkOperation/1", status: "FAILED", code: "TIMEOUT" })),
    ).toEqual({
      en: "Shopify's bulk operation gid://shopify/BulkOperation/1 ended FAILED (TIMEOUT)",
      fr: "L'opération groupée gid://shopify/BulkOperation/1 de Shopify s'est terminée en FAILED (TIMEOUT)",
    });
    expect(read(said("shopify.bulkEnded", { id: "B1", status: "CANCELED", code: "" })).en).toBe(
      "Shopify's bulk operation B1 ended CANCELED",
    );
    expect(read(said("shopify.imageUploadFailed", { name: "ROBE-1.jpg", status: 503 })).fr).toBe(
      "L'envoi de ROBE-1.jpg à Shopify a échoué (HTTP 503)",
    );
    expect(read(said("shopify.stockStillProcessing")).fr).toBe(
      "Shopify traitait toujours une mise à jour de stock identique envoyée plus tôt",
    );
  });

  it("a connector's HTTP failure names the request and the status in the reader's words", () => {
    expect(
      read(said("client.failed", { system: "RetailCRM", what: "GET /api/v5/store/products", status: 502 })),
    ).toEqual({
      en: "RetailCRM failed (GET /api/v5/store/products): HTTP 502 (server error)",
      fr: "RetailCRM a échoué (GET /api/v5/store/products) : HTTP 502 (erreur du serveur)",
    });
    expect(read(said("square.invalid", { what: "POST /v2/inventory/changes/batch-create", codes: "" })).en).toBe(
      "Square refused POST /v2/inventory/changes/batch-create as invalid (HTTP 400).",
    );
    expect(read(said("tuyo.refused", { what: "POST /api/create_products", status: 422, text: "" })).fr).toBe(
      "Tuyo a refusé POST /api/create_products (HTTP 422 (statut inattendu)).",
    );
  });
});
