import { describe, expect, it } from "vitest";
import { encodeRequestText, escapeFreeText, recordLine } from "./protocol";
import { deliveryAddressRecord, orderRecords } from "./records.server";
import { exactText, fitsCodePage, freeText, transliterate, UnwritableTextError } from "./text";

describe("free text in windows-1252", () => {
  it("keeps what the code page holds: French accents, œ, ß, €", () => {
    expect(transliterate("Hélène Lefèvre, cœur 12 € — Straße")).toEqual({
      text: "Hélène Lefèvre, cœur 12 € — Straße",
      unwritable: [],
    });
  });

  it("transliterates Greek (ELOT 743) and Cyrillic (BGN/PCGN), capitals included", () => {
    expect(transliterate("Αλέξανδρος Παπαδόπουλος, Οδός Ερμού, Αθήνα").text).toBe(
      "Alexandros Papadopoulos, Odos Ermou, Athina",
    );
    expect(transliterate("ΘΕΣΣΑΛΟΝΙΚΗ Θεσσαλονίκη").text).toBe("THESSALONIKI Thessaloniki");
    expect(transliterate("Ευαγγελία Μουρούζη, Ύδρα").text).toBe("Evaggelia Mourouzi, Ydra");
    expect(transliterate("Дмитрий Иванов, ул. Щорса, Москва").text).toBe("Dmitriy Ivanov, ul. Shchorsa, Moskva");
    expect(transliterate("Ђорђе, Ґанна, Йошкар-Ола, Ёлка").text).toBe("Djordje, Ganna, Yoshkar-Ola, Yolka");
  });

  it("strips accents the code page lacks, makes typographic quotes plain, removes emoji and invisible characters", () => {
    expect(transliterate("Łódź, Đakovo, Ő").text).toBe("Lódz, Dakovo, O");
    expect(transliterate("le “cadeau” ‘ok’ „gut‟").text).toBe(`le "cadeau" 'ok' "gut"`);
    expect(transliterate("Merci 🙏 ! 👍🏽 bisous ❤️ 👨‍👩‍👧").text).toBe("Merci ! bisous");
  });

  it("reports letters that have no Latin form (Chinese, Arabic) instead of dropping them", () => {
    expect(transliterate("上海 南京路").unwritable).toEqual(["上", "海", "南", "京", "路"]);
    expect(transliterate("مرحبا").unwritable).toHaveLength(5);
    expect(() => freeText("南京路 100号", "delivery address")).toThrow(UnwritableTextError);
    expect(() => freeText("南京路 100号", "delivery address")).toThrow(/no Latin form \(南 京 路 号\)/);
  });
});

describe("identities in windows-1252", () => {
  it("are sent exactly when the code page holds them", () => {
    expect(exactText("josé.garçon@example.fr", "customer e-mail")).toBe("josé.garçon@example.fr");
  });

  it("are refused when they would change (Greek e-mail) or carry a protocol separator", () => {
    expect(() => exactText("αλφα@example.gr", "customer e-mail")).toThrow(
      /customer e-mail "αλφα@example.gr" cannot be sent to Fastmag: its code page cannot hold α λ φ/,
    );
    for (const value of ["a|b@example.fr", "a{PIPE}b@example.fr", "a{cr}{lf}@example.fr", "a\nb@example.fr"])
      expect(() => exactText(value, "customer e-mail")).toThrow(/separator/);
  });

  it("two Greek e-mails never become the same record: the address record is refused, not sent as ????", () => {
    const address = { name: "SHOPIFY-1", address1: "1 rue", zip: "75001", city: "Paris", country: "FR" };
    expect(() => deliveryAddressRecord("αλφα@example.gr", address)).toThrow(UnwritableTextError);
    expect(() => deliveryAddressRecord("βητα@example.gr", address)).toThrow(UnwritableTextError);
  });
});

describe("SKUs", () => {
  it("are refused, not sent as ???, when a part has letters the code page lacks", () => {
    const draft = {
      shopifyOrderId: "gid://shopify/Order/8",
      shopifyOrderName: "#8",
      email: "a@example.fr",
      lines: [{ sku: "ΜΠΛΟΥΖΑ|NOIR|M", title: "Μπλούζα", unitPrice: 10, quantity: 1 }],
      paymentMethods: ["card" as const],
    };
    expect(() => orderRecords("WEB", draft)).toThrow(/SKU "ΜΠΛΟΥΖΑ\|NOIR\|M" part "ΜΠΛΟΥΖΑ" cannot be sent to Fastmag/);
  });
});

describe("protocol escapes typed by a customer", () => {
  it("stay text: {PIPE}, {CR}, {LF} are written (PIPE), (CR), (LF); real pipes and line breaks are escaped", () => {
    expect(escapeFreeText("a {PIPE} b{CR}{LF}c | d\ne")).toBe("a (PIPE) b(CR)(LF)c {PIPE} d{CR}{LF}e");
    const line = recordLine("X", ["x{pipe}y|z"]);
    expect(line.split("|")).toEqual(["X", "x(pipe)y{PIPE}z"]);
  });

  it("an order's note cannot add fields or lines to its header", () => {
    const [header, ...lines] = orderRecords("WEB", {
      shopifyOrderId: "gid://shopify/Order/7",
      shopifyOrderName: "#7",
      email: "a@example.fr",
      shippingAddress: { name: "SHOPIFY-7", address1: "1 rue", zip: "75001", city: "Paris", country: "FR" },
      lines: [{ sku: "REF|NOIR|M", title: "T-shirt 👕", unitPrice: 10, quantity: 1 }],
      paymentMethods: ["card" as const],
      comment: "x{PIPE}y{CR}{LF}LIGNE|EVIL",
    });
    expect(header!.split("|")).toHaveLength(14);
    expect(header).not.toMatch(/[\r\n]/);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split("|")[4]).toBe("T-shirt");
  });
});

describe("the request encoder", () => {
  it("never writes ? for what the code page lacks", () => {
    expect(encodeRequestText("Hélène €").equals(Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x20, 0x80]))).toBe(
      true,
    );
    expect(() => encodeRequestText("SELECT 1 WHERE email = 'αλφα@example.gr'")).toThrow(/cannot store \(α λ φ\)/);
    expect(fitsCodePage("Straße œ €")).toBe(true);
  });
});
