// GET <appUrl>/fulfillment/fetch_tracking_numbers.json — the same callback in the form Shopify also uses.
export { loader } from "./fulfillment.fetch_tracking_numbers";
