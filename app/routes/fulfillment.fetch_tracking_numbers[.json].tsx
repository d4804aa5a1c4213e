export { loader } from "./fulfillment.fetch_tracking_numbers";
