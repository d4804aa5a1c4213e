// Realistic payloads for the topics the app handles first (shapes from Shopify's documentation).
import type { ShopRecord } from "../store";

/** app/uninstalled carries the shop resource (REST shape). */
export function appUninstalledPayload(shop: ShopRecord): Record<string, unknown> {
  return {
    id: shop.id,
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: null,
    country: "FR",
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: "fr",
    address2: null,
    created_at: shop.createdAt,
    updated_at: shop.createdAt,
    country_code: "FR",
    country_name: "France",
    currency: shop.currencyCode,
    customer_email: shop.email,
    timezone: `(GMT+01:00) ${shop.ianaTimezone}`,
    iana_timezone: shop.ianaTimezone,
    shop_owner: `${shop.name} owner`,
    money_format: "{{amount_with_comma_separator}} €",
    money_with_currency_format: `{{amount_with_comma_separator}} € ${shop.currencyCode}`,
    weight_unit: "kg",
    province_code: null,
    taxes_included: true,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: shop.plan,
    plan_name: shop.plan.toLowerCase(),
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "{{amount_with_comma_separator}} €",
    money_with_currency_in_emails_format: `{{amount_with_comma_separator}} € ${shop.currencyCode}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: null,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currencyCode],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export function customersDataRequestPayload(
  shop: ShopRecord,
  input: { customerId?: number; email?: string; orderIds?: number[]; requestId?: number } = {},
) {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    orders_requested: input.orderIds ?? [299938, 280263, 220458],
    customer: { id: input.customerId ?? 191167, email: input.email ?? "john@example.com", phone: "555-625-1199" },
    data_request: { id: input.requestId ?? 9999 },
  };
}

export function customersRedactPayload(
  shop: ShopRecord,
  input: { customerId?: number; email?: string; orderIds?: number[] } = {},
) {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    customer: { id: input.customerId ?? 191167, email: input.email ?? "john@example.com", phone: "555-625-1199" },
    orders_to_redact: input.orderIds ?? [299938, 280263, 220458],
  };
}

export function shopRedactPayload(shop: ShopRecord) {
  return { shop_id: shop.id, shop_domain: shop.domain };
}
