import { describe, expect, it } from "vitest";
import { orderStageLabel } from "./OrderStageBadge";

describe("order stage badge", () => {
  it("names the system the shop sends its orders to, not always Fastmag", () => {
    expect(orderStageLabel("exported", "RetailCRM")).toBe("In RetailCRM");
    expect(orderStageLabel("exported", "Fastmag")).toBe("In Fastmag");
    expect(orderStageLabel("shipped", "RetailCRM")).toBe("Shipped");
  });
});

describe("order stage badge in French", () => {
  it("says the stage in French, the system's name unchanged", () => {
    expect(orderStageLabel("exported", "Fastmag", "fr")).toBe("Dans Fastmag");
    expect(orderStageLabel("shipped", "Fastmag", "fr")).toBe("Expédiée");
    expect(orderStageLabel("error", "Fastmag", "en")).toBe("Error");
  });
});
