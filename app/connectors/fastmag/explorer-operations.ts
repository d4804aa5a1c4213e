// The ERP explorer's operations as the merchant sees them: what each one looks up, what to type,
// and the columns of its result. Shared by the explorer screen (browser) and the server, which runs
// them (explorer.server.ts) for the screen and for GET /api/fastmag/<operation>.

export type ExplorerInputKind =
  | "sku"
  | "gencod"
  | "season"
  | "orderId"
  | "shopifyOrderId"
  | "email"
  | "giftCardId"
  | "pmeCode"
  | "pmeKind"
  | "optionalEmail"
  | "none";

export interface ExplorerColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface ExplorerOperation {
  id: string;
  label: string;
  /** What the search box asks for, and the query parameter name in the JSON API. */
  input: ExplorerInputKind;
  inputLabel?: string;
  placeholder?: string;
  /** Lists are paged (in memory on the server: Fastmag answers a list in one piece). */
  paginated: boolean;
  columns: ExplorerColumn[];
}

const PRODUCT: ExplorerColumn[] = [
  { key: "sku", label: "SKU" },
  { key: "title", label: "Designation" },
  { key: "barcode", label: "GENCOD" },
  { key: "season", label: "Season" },
  { key: "brand", label: "Brand" },
  { key: "price", label: "Price", numeric: true },
  { key: "active", label: "Active" },
];
const STOCK: ExplorerColumn[] = [
  { key: "sku", label: "SKU" },
  { key: "stockA", label: "Stock A (general)", numeric: true },
  { key: "stockB", label: "Stock B (web)", numeric: true },
  { key: "webStock", label: "Web stock", numeric: true },
  { key: "updatedAt", label: "Last movement" },
];
const ORDER: ExplorerColumn[] = [
  { key: "id", label: "Fastmag order" },
  { key: "shopifyOrderName", label: "Shopify order" },
  { key: "statusLabel", label: "Status" },
  { key: "shipped", label: "Shipped" },
  { key: "carrier", label: "Carrier" },
  { key: "trackingNumber", label: "Tracking" },
  { key: "total", label: "Total", numeric: true },
  { key: "createdAt", label: "Created" },
];
const GIFT_CARD: ExplorerColumn[] = [
  { key: "id", label: "Card" },
  { key: "activated", label: "Activated" },
  { key: "balance", label: "Balance", numeric: true },
  { key: "currency", label: "Currency" },
  { key: "customerEmail", label: "Customer" },
  { key: "expiresOn", label: "Expires" },
];
const PME: ExplorerColumn[] = [
  { key: "code", label: "PME" },
  { key: "kind", label: "Issued" },
  { key: "balance", label: "Balance", numeric: true },
  { key: "customerId", label: "Customer id" },
];

const SKU_INPUT = { input: "sku", inputLabel: "SKU", placeholder: "REFERENCE|COLOR|SIZE" } as const;
const PME_INPUT = { input: "pmeCode", inputLabel: "PME code", placeholder: "PME-MAG-001" } as const;

export const EXPLORER_OPERATIONS = [
  { id: "product-by-sku", label: "Product by SKU", ...SKU_INPUT, paginated: false, columns: PRODUCT },
  {
    id: "product-by-gencod",
    label: "Product by GENCOD",
    input: "gencod",
    inputLabel: "GENCOD (barcode)",
    placeholder: "3700000000017",
    paginated: false,
    columns: PRODUCT,
  },
  {
    id: "products-of-season",
    label: "Products of a season",
    input: "season",
    inputLabel: "Season",
    placeholder: "E24",
    paginated: true,
    columns: PRODUCT,
  },
  { id: "products", label: "All products", input: "none", paginated: true, columns: PRODUCT },
  { id: "stock-of-sku", label: "Stock of a SKU", ...SKU_INPUT, paginated: false, columns: STOCK },
  { id: "inventory", label: "Full inventory", input: "none", paginated: true, columns: STOCK },
  {
    id: "inventory-with-prices",
    label: "Inventory with prices",
    input: "none",
    paginated: true,
    columns: [
      ...STOCK.slice(0, 4),
      { key: "price", label: "Price", numeric: true },
      { key: "compareAtPrice", label: "Before reduction", numeric: true },
    ],
  },
  {
    id: "order",
    label: "Order by Fastmag id",
    input: "orderId",
    inputLabel: "Fastmag order id",
    placeholder: "2",
    paginated: false,
    columns: ORDER,
  },
  {
    id: "order-by-shopify-id",
    label: "Order by Shopify order id",
    input: "shopifyOrderId",
    inputLabel: "Shopify order id",
    placeholder: "gid://shopify/Order/1001 or 1001",
    paginated: false,
    columns: ORDER,
  },
  { id: "orders", label: "All orders", input: "none", paginated: true, columns: ORDER },
  {
    id: "customer",
    label: "Customer by email",
    input: "email",
    inputLabel: "Email",
    placeholder: "helene.lefevre@example.fr",
    paginated: false,
    columns: [
      { key: "id", label: "Customer id" },
      { key: "email", label: "Email" },
      { key: "firstName", label: "First name" },
      { key: "lastName", label: "Last name" },
      { key: "phone", label: "Phone" },
      { key: "city", label: "City" },
    ],
  },
  {
    id: "gift-card",
    label: "Gift card by id",
    input: "giftCardId",
    inputLabel: "Gift card id",
    placeholder: "CADEAU-0001",
    paginated: false,
    columns: GIFT_CARD,
  },
  { id: "gift-cards", label: "All gift cards", input: "none", paginated: true, columns: GIFT_CARD },
  { id: "pme", label: "PME by code", ...PME_INPUT, paginated: false, columns: PME },
  {
    id: "pmes",
    label: "PMEs (all, store or web)",
    input: "pmeKind",
    inputLabel: "Issued",
    paginated: true,
    columns: PME,
  },
  {
    id: "pme-balance",
    label: "PME remaining balance",
    ...PME_INPUT,
    paginated: false,
    columns: [PME[0]!, { key: "balance", label: "Remaining balance", numeric: true }],
  },
  {
    id: "avoirs",
    label: "Avoirs (credit notes)",
    input: "optionalEmail",
    inputLabel: "Customer email (optional)",
    placeholder: "all customers",
    paginated: true,
    columns: [
      { key: "id", label: "Avoir" },
      { key: "customerEmail", label: "Customer" },
      { key: "amount", label: "Amount", numeric: true },
      { key: "remaining", label: "Remaining", numeric: true },
      { key: "createdOn", label: "Created" },
      { key: "expiresOn", label: "Expires" },
    ],
  },
] as const satisfies readonly ExplorerOperation[];

export type ExplorerOperationId = (typeof EXPLORER_OPERATIONS)[number]["id"];

export function explorerOperation(id: string): ExplorerOperation | undefined {
  return EXPLORER_OPERATIONS.find((op) => op.id === id);
}

/** The query parameter carrying the search text in GET /api/fastmag/<operation>. */
export const API_PARAMETER: Record<ExplorerInputKind, string | null> = {
  sku: "sku",
  gencod: "gencod",
  season: "season",
  orderId: "id",
  shopifyOrderId: "shopifyOrderId",
  email: "email",
  giftCardId: "id",
  pmeCode: "code",
  pmeKind: "kind",
  optionalEmail: "email",
  none: null,
};
