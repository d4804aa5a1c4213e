// The app's root opened without a shop speaks the request's language, like the login page: `?locale=`,
// the admin's language the app remembered (its cookie), then the browser's Accept-Language.
import { describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "~/i18n/locale";
import { loader } from "~/routes/_index";

const open = async (path: string, headers: Record<string, string> = {}) =>
  (await loader({ request: new Request(`http://app.test${path}`, { headers }), params: {}, context: {} })) as {
    locale: string;
    intro: string;
  };

describe("the landing page (no shop)", () => {
  it("reads French for a French browser, the remembered language or ?locale=fr", async () => {
    const french =
      "Garde une boutique Shopify synchronisée avec les systèmes qui l'entourent : Fastmag et d'autres ERP, entrepôts, caisses des magasins et marketplaces. Ouvrez-la depuis votre admin Shopify (Applications → Passerelle).";
    expect(await open("/", { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" })).toEqual({ locale: "fr", intro: french });
    expect(await open("/", { cookie: `${LOCALE_COOKIE}=fr` })).toEqual({ locale: "fr", intro: french });
    expect(await open("/?locale=fr")).toEqual({ locale: "fr", intro: french });
  });

  it("reads English otherwise", async () => {
    expect(await open("/", { "accept-language": "de-DE" })).toMatchObject({
      locale: "en",
      intro: expect.stringMatching(/^Keeps a Shopify store in sync with the systems behind it/),
    });
    expect(await open("/?locale=en", { "accept-language": "fr" })).toMatchObject({ locale: "en" });
  });

  it("still sends Shopify's ?shop= on to the embedded app", async () => {
    const redirected = await open("/?shop=s.myshopify.com&host=abc").catch((response: unknown) => response);
    expect(redirected).toBeInstanceOf(Response);
    expect((redirected as Response).headers.get("location")).toBe("/app?shop=s.myshopify.com&host=abc");
  });
});
