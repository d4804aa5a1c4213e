import { describe, expect, it } from "vitest";
import { withOfflineTokenCheck } from "./offline-token-check.server";

function fakeLibrary(initialToken: string) {
  let stored: string | null = initialToken;
  let exchanges = 0;
  return {
    deleted: [] as string[],
    get exchanges() {
      return exchanges;
    },
    async authenticate() {
      if (stored === null) {
        exchanges++;
        stored = `fresh-${exchanges}`;
      }
      return { session: { id: "offline_shop.example", shop: "shop.example", accessToken: stored } };
    },
    async deleteSession(id: string) {
      this.deleted.push(id);
      stored = null;
    },
  };
}

describe("withOfflineTokenCheck", () => {
  it("replaces a stored token Shopify refuses by exchanging the session token, once", async () => {
    const library = fakeLibrary("stale");
    const checked: string[] = [];
    const authenticate = withOfflineTokenCheck({
      authenticate: () => library.authenticate(),
      deleteSession: (id) => library.deleteSession(id),
      accepts: async (_shop, token) => (checked.push(token), token !== "stale"),
    });
    const request = new Request("http://app.test/app");
    expect((await authenticate(request)).session.accessToken).toBe("fresh-1");
    expect(library.deleted).toEqual(["offline_shop.example"]);
    expect((await authenticate(request)).session.accessToken).toBe("fresh-1");
    expect(library.exchanges).toBe(1);
    expect(checked).toEqual(["stale"]);
  });

  it("keeps the stored token when Shopify cannot be reached to check it", async () => {
    const library = fakeLibrary("kept");
    const authenticate = withOfflineTokenCheck({
      authenticate: () => library.authenticate(),
      deleteSession: (id) => library.deleteSession(id),
      accepts: async () => {
        throw new Error("Shopify did not answer");
      },
    });
    expect((await authenticate(new Request("http://app.test/app"))).session.accessToken).toBe("kept");
    expect(library.deleted).toEqual([]);
  });
});
