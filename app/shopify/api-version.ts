// The Admin API version the app is built and tested against. The emulator serves, and the schema
// test validates against, emulators/shopify/schema/admin_<this>.json.gz.
export const SHOPIFY_API_VERSION = "2026-07";
