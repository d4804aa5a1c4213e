import { describe, expect, it } from "vitest";
import { isAllowedExitDestination } from "./http-redirects.server";

const context = { appUrl: "https://passerelle.example.app", shop: "maboutique.myshopify.com" };

describe("exit-iframe destinations", () => {
  it("allows the app itself and the shop's own admin", () => {
    for (const destination of [
      "/auth?shop=maboutique.myshopify.com",
      "https://passerelle.example.app/auth/login",
      "https://maboutique.myshopify.com/admin/apps/passerelle",
      "https://admin.shopify.com/store/maboutique/apps/passerelle",
      "https://admin.shopify.com/store/maboutique",
    ])
      expect(isAllowedExitDestination(destination, context), destination).toBe(true);
  });

  it("refuses everything else", () => {
    for (const destination of [
      null,
      "",
      "https://evil.example.com/x",
      "//evil.example.com/x",
      "/\\evil.example.com",
      "https://passerelle.example.app.evil.example.com/",
      "https://user@passerelle.example.app/",
      "https://othershop.myshopify.com/admin",
      "https://maboutique.myshopify.com/account",
      "https://admin.shopify.com/store/othershop/apps",
      "https://admin.shopify.com/store/maboutique-evil/apps",
      "http://maboutique.myshopify.com/admin",
      "javascript:alert(1)",
      "data:text/html,hi",
    ])
      expect(isAllowedExitDestination(destination, context), String(destination)).toBe(false);
    // Without a valid shop, only the app itself.
    expect(isAllowedExitDestination("https://admin.shopify.com/store/x", { ...context, shop: "evil.com" })).toBe(false);
  });

  it("allows a configured admin stand-in (the emulator)", () => {
    const emulator = { ...context, extraAdminOrigins: ["http://127.0.0.1:4100"] };
    expect(isAllowedExitDestination("http://127.0.0.1:4100/store/maboutique/apps/x", emulator)).toBe(true);
  });
});
