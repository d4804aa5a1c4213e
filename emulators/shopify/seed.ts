// The demo shop: a French fashion retailer on the Standard plan whose SKUs follow Fastmag's
// `REF|COLOR|SIZE` convention, with EAN-13 barcodes and stock spread over a few locations.
import type { ProductInput, VariantInput } from "./catalog";
import type { SeedShop } from "./shops";

const LOCATIONS = ["Entrepôt Lyon", "Boutique Paris Marais", "Boutique Bordeaux"];

const CATALOG: { ref: string; title: string; type: string; price: number; colors: string[]; sizes: string[] }[] = [
  {
    ref: "TSH001",
    title: "T-shirt col rond coton bio",
    type: "T-shirts",
    price: 29,
    colors: ["BLANC", "NOIR", "MARINE"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    ref: "TSH002",
    title: "T-shirt rayé marinière",
    type: "T-shirts",
    price: 35,
    colors: ["BLEU"],
    sizes: ["S", "M", "L"],
  },
  {
    ref: "CHE010",
    title: "Chemise lin manches longues",
    type: "Chemises",
    price: 69,
    colors: ["ECRU", "CIEL"],
    sizes: ["S", "M", "L", "XL"],
  },
  { ref: "CHE011", title: "Chemise oxford", type: "Chemises", price: 59, colors: ["BLANC", "CIEL"], sizes: ["M", "L"] },
  {
    ref: "PUL020",
    title: "Pull laine mérinos",
    type: "Pulls",
    price: 89,
    colors: ["GRIS", "BORDEAUX"],
    sizes: ["S", "M", "L"],
  },
  {
    ref: "PUL021",
    title: "Cardigan maille torsadée",
    type: "Pulls",
    price: 95,
    colors: ["ECRU"],
    sizes: ["S", "M", "L"],
  },
  {
    ref: "PAN030",
    title: "Pantalon chino",
    type: "Pantalons",
    price: 79,
    colors: ["BEIGE", "MARINE"],
    sizes: ["38", "40", "42", "44"],
  },
  {
    ref: "PAN031",
    title: "Jean droit brut",
    type: "Pantalons",
    price: 99,
    colors: ["INDIGO"],
    sizes: ["38", "40", "42"],
  },
  {
    ref: "ROB040",
    title: "Robe portefeuille fleurie",
    type: "Robes",
    price: 119,
    colors: ["ROUGE", "VERT"],
    sizes: ["36", "38", "40"],
  },
  { ref: "ROB041", title: "Robe pull côtelée", type: "Robes", price: 89, colors: ["NOIR"], sizes: ["S", "M"] },
  {
    ref: "JUP050",
    title: "Jupe plissée midi",
    type: "Jupes",
    price: 75,
    colors: ["CAMEL", "NOIR"],
    sizes: ["36", "38", "40"],
  },
  { ref: "VES060", title: "Veste en velours", type: "Vestes", price: 159, colors: ["MARRON"], sizes: ["S", "M", "L"] },
  {
    ref: "MAN070",
    title: "Manteau laine double boutonnage",
    type: "Manteaux",
    price: 249,
    colors: ["GRIS", "CAMEL"],
    sizes: ["S", "M", "L"],
  },
  {
    ref: "TRE080",
    title: "Trench coton",
    type: "Manteaux",
    price: 199,
    colors: ["BEIGE"],
    sizes: ["S", "M", "L", "XL"],
  },
  {
    ref: "ECH090",
    title: "Écharpe cachemire",
    type: "Accessoires",
    price: 65,
    colors: ["GRIS", "ROUGE"],
    sizes: ["TU"],
  },
  {
    ref: "BON091",
    title: "Bonnet côtelé",
    type: "Accessoires",
    price: 25,
    colors: ["NOIR", "MOUTARDE"],
    sizes: ["TU"],
  },
  {
    ref: "SAC100",
    title: "Sac cabas cuir",
    type: "Maroquinerie",
    price: 179,
    colors: ["COGNAC", "NOIR"],
    sizes: ["TU"],
  },
  {
    ref: "CEI101",
    title: "Ceinture cuir tressé",
    type: "Maroquinerie",
    price: 49,
    colors: ["COGNAC"],
    sizes: ["85", "95"],
  },
  {
    ref: "BAS110",
    title: "Baskets toile",
    type: "Chaussures",
    price: 85,
    colors: ["BLANC"],
    sizes: ["38", "39", "40", "41", "42"],
  },
  {
    ref: "BOT111",
    title: "Bottines cuir",
    type: "Chaussures",
    price: 169,
    colors: ["NOIR"],
    sizes: ["37", "38", "39", "40"],
  },
];

/** EAN-13 with a valid check digit, from a 12-digit body. */
export function ean13(body: string): string {
  const digits = body.padStart(12, "0").slice(-12);
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

function demoProducts(): ProductInput[] {
  let serial = 0;
  return CATALOG.map((item, productIndex) => {
    const variants: VariantInput[] = item.colors.flatMap((color) =>
      item.sizes.map((size) => {
        serial++;
        return {
          sku: `${item.ref}|${color}|${size}`,
          barcode: ean13(`376012${String(serial).padStart(6, "0")}`),
          price: item.price,
          // Every fourth product is on sale (strike-through price).
          compareAtPrice: productIndex % 4 === 3 ? Math.round(item.price * 1.3) : null,
          options: { Couleur: color, Taille: size },
          inventory: Object.fromEntries(LOCATIONS.map((location, i) => [location, (serial * (i + 3)) % 13])),
        };
      }),
    );
    return { title: item.title, vendor: "Maison Passerelle", productType: item.type, tags: [item.ref], variants };
  });
}

export const DEMO_SHOP: SeedShop = {
  domain: "passerelle-demo.myshopify.com",
  name: "Passerelle Démo",
  plan: "Standard",
  ianaTimezone: "Europe/Paris",
  currencyCode: "EUR",
  email: "boutique@passerelle-demo.example",
  locations: LOCATIONS.map((name, i) => ({ name, city: ["Lyon", "Paris", "Bordeaux"][i], countryCode: "FR" })),
  products: demoProducts(),
};
