// The Orders page's filters (shared by the screen and the server).
export const ORDER_FILTERS = ["all", "errors", "waiting", "exported", "shipped", "delivered", "cancelled"] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];
