// GET <appUrl>/fulfillment/fetch_stock.json — the same callback in the form Shopify also uses.
export { loader } from "./fulfillment.fetch_stock";
