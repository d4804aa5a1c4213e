// The REST bodies of fulfillments/* and products/* webhooks, in the shapes of seed 001 (Shopify's own
// examples): what the ERP event feed passes on to the ERP.
import { ordersOf, type FulfillmentRecord, type OrderRecord } from "../orders";
import type { ProductRecord, ShopRecord } from "../store";

export function fulfillmentPayload(
  shop: ShopRecord,
  order: OrderRecord,
  f: FulfillmentRecord,
): Record<string, unknown> {
  const address = order.shippingAddress;
  // The emulator's fulfillments take every open line ("mark as fulfilled").
  const lines = order.lines;
  return {
    id: f.id,
    admin_graphql_api_id: `gid://shopify/Fulfillment/${f.id}`,
    order_id: order.id,
    status: f.status === "SUCCESS" ? "success" : "cancelled",
    created_at: f.createdAt,
    service: "manual",
    updated_at: f.updatedAt,
    tracking_company: f.tracking[0]?.company ?? null,
    shipment_status: null,
    location_id: null,
    email: order.email,
    destination: address && {
      first_name: address.firstName,
      address1: address.address1,
      phone: address.phone,
      city: address.city,
      zip: address.zip,
      province: null,
      country: null,
      last_name: address.lastName,
      address2: address.address2,
      company: address.company,
      latitude: null,
      longitude: null,
      name: [address.firstName, address.lastName].filter(Boolean).join(" "),
      country_code: address.countryCode,
      province_code: null,
    },
    tracking_number: f.tracking[0]?.number ?? null,
    tracking_numbers: f.tracking.map((t) => t.number).filter(Boolean),
    tracking_url: f.tracking[0]?.url ?? null,
    tracking_urls: f.tracking.map((t) => t.url).filter(Boolean),
    receipt: {},
    name: `${order.name}.${[...ordersOf(shop).fulfillments.values()].filter((x) => x.orderId === order.id).indexOf(f) + 1}`,
    line_items: lines.map((l) => ({
      id: l.id,
      variant_id: l.variantId,
      title: l.title,
      quantity: l.quantity,
      price: l.price,
      sku: l.sku,
      variant_title: null,
      vendor: null,
      fulfillment_service: "manual",
      product_id: l.productId,
      requires_shipping: !l.giftCard,
      taxable: true,
      gift_card: l.giftCard,
      name: l.title,
      properties: [],
      product_exists: true,
      fulfillable_quantity: 0,
      total_discount: l.discount,
      fulfillment_status: "fulfilled",
    })),
  };
}

export function productPayload(shop: ShopRecord, product: ProductRecord): Record<string, unknown> {
  const variants = product.variantIds.map((id) => shop.variants.get(id)).filter((v) => v !== undefined);
  return {
    id: product.id,
    admin_graphql_api_id: `gid://shopify/Product/${product.id}`,
    title: product.title,
    body_html: product.descriptionHtml || null,
    vendor: product.vendor,
    product_type: product.productType,
    created_at: product.createdAt,
    handle: product.handle,
    updated_at: product.updatedAt,
    published_at: product.status === "ACTIVE" ? product.createdAt : null,
    template_suffix: null,
    status: product.status.toLowerCase(),
    tags: product.tags.join(", "),
    published_scope: "web",
    variants: variants.map((v) => ({
      id: v.id,
      product_id: product.id,
      title: v.title,
      price: v.price,
      sku: v.sku,
      position: v.position,
      inventory_policy: "deny",
      compare_at_price: v.compareAtPrice,
      fulfillment_service: "manual",
      inventory_management: "shopify",
      option1: v.selectedOptions[0]?.value ?? null,
      option2: v.selectedOptions[1]?.value ?? null,
      option3: v.selectedOptions[2]?.value ?? null,
      created_at: v.createdAt,
      updated_at: v.updatedAt,
      taxable: true,
      barcode: v.barcode,
      inventory_item_id: v.inventoryItemId,
    })),
    options: product.options.map((o, i) => ({ name: o.name, position: i + 1, values: o.values })),
  };
}
