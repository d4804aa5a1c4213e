// The sections of the embedded app, in the order of Shopify admin's app navigation.
// A section appears here only once its page does real work.
export const APP_SECTIONS = [
  { path: "/app", label: "Dashboard" },
  { path: "/app/syncs", label: "Syncs" },
  { path: "/app/orders", label: "Orders" },
  { path: "/app/catalog", label: "Catalog" },
  { path: "/app/catalog/readiness", label: "Ready to sell" },
  { path: "/app/promotions", label: "Promotions" },
  { path: "/app/fastmag/explorer", label: "Fastmag explorer" },
  { path: "/app/customers", label: "Customers" },
  { path: "/app/gift-cards", label: "Gift cards" },
  { path: "/app/mail", label: "Mail" },
  { path: "/app/settings", label: "Settings" },
  { path: "/app/logs", label: "Logs" },
] as const;
