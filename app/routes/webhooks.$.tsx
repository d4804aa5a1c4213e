import { jsonRefusal } from "../lib/request-body.server";

// Any other address under /webhooks: a topic this app does not subscribe to.
const unknownTopic = () => jsonRefusal(404, "This app does not take webhooks at this address.");
export const action = unknownTopic;
export const loader = unknownTopic;
