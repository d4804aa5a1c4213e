// What the order page shows of the order itself, read from the order as Shopify sent it (the REST
// webhook shape kept on our row): the customer, the lines and the amounts.

/** The order in Shopify admin (admin.shopify.com/store/<handle>/orders/<id>). */
export function shopifyAdminOrderUrl(shop: string, shopifyOrderId: string): string {
  const handle = shop.replace(/\.myshopify\.com$/, "");
  const id = shopifyOrderId.replace(/^gid:\/\/shopify\/Order\//, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/orders/${encodeURIComponent(id)}`;
}

interface Address {
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  zip?: string | null;
  city?: string | null;
  country_code?: string | null;
  phone?: string | null;
}

interface Payload {
  email?: string | null;
  currency?: string | null;
  total_price?: string | null;
  total_discounts?: string | null;
  subtotal_price?: string | null;
  customer?: (Address & { email?: string | null }) | null;
  shipping_address?: Address | null;
  billing_address?: Address | null;
  line_items?: {
    title?: string | null;
    sku?: string | null;
    quantity?: number;
    price?: string | number | null;
    total_discount?: string | number | null;
  }[];
  shipping_lines?: { title?: string | null; price?: string | number | null }[];
}

const money = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value).toFixed(2) : "0.00");
const nameOf = (a: Address | null | undefined) => [a?.first_name, a?.last_name].filter(Boolean).join(" ").trim();

export function orderContents(payloadJson: string) {
  let p: Payload = {};
  try {
    p = JSON.parse(payloadJson) as Payload;
  } catch {
    // an unreadable payload shows an empty order rather than no page
  }
  const address = p.shipping_address ?? p.billing_address ?? null;
  const lines = (p.line_items ?? []).map((l) => ({
    title: l.title ?? "",
    sku: l.sku ?? null,
    quantity: l.quantity ?? 0,
    price: money(l.price),
    discount: money(l.total_discount),
    total: money(Number(l.price ?? 0) * (l.quantity ?? 0) - Number(l.total_discount ?? 0)),
  }));
  const subtotal = lines.reduce((sum, l) => sum + Number(l.total), 0);
  const shipping = (p.shipping_lines ?? []).reduce((sum, s) => sum + Number(s.price ?? 0), 0);
  return {
    customer: {
      name: nameOf(p.customer) || nameOf(address) || null,
      email: p.email ?? p.customer?.email ?? null,
      phone: p.customer?.phone ?? address?.phone ?? null,
      address: address
        ? [
            address.company,
            address.address1,
            address.address2,
            [address.zip, address.city].filter(Boolean).join(" "),
            address.country_code,
          ]
            .filter(Boolean)
            .join(", ")
        : null,
    },
    lines,
    amounts: {
      currency: p.currency ?? "",
      subtotal: money(subtotal),
      discounts: money(p.total_discounts ?? 0),
      shipping: money(shipping),
      total: p.total_price !== undefined && p.total_price !== null ? money(p.total_price) : money(subtotal + shipping),
    },
  };
}
