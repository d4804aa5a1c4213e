import { describe, expect, it } from "vitest";
import { fastmagPaymentCode } from "./payments";

describe("fastmagPaymentCode", () => {
  it("chooses the code of the part not paid by gift card", () => {
    expect(fastmagPaymentCode(["gift-card", "paypal"])).toBe("PAYPAL");
    expect(fastmagPaymentCode(["gift-card"])).toBe("CADEAU");
    expect(fastmagPaymentCode(["card"])).toBe("CB");
  });

  it("maps every neutral method, and a payment the app does not name as a card", () => {
    expect(fastmagPaymentCode(["bank-transfer"])).toBe("VIREMENT");
    expect(fastmagPaymentCode(["cash-on-delivery"])).toBe("ESPECES");
    expect(fastmagPaymentCode(["other"])).toBe("CB");
    expect(fastmagPaymentCode([])).toBe("CB");
  });
});
