// The ERP event feed's manifest (issue 15, seed 001): any system that takes Shopify's events as signed
// JSON POSTs (an ERP's HTTPS endpoint) as an event destination. A shop has several endpoints, each
// stored by app/event-feed (URL, topics, secret, headers); the capability is built per endpoint from
// `destinationOptions`, so nothing of it lives in the connector settings.
import { z } from "zod";
import { defineConnector } from "../define";
import { httpEventDestination, type EventEndpointTarget } from "./http-destination.server";

export const eventFeed = defineConnector<Record<string, never>>({
  id: "event-feed",
  name: "ERP event feed",
  kind: "ERP",
  settings: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  secrets: [],
  // Always available: its endpoints are what the merchant sets up (Settings → ERP event feed).
  builtIn: true,
  capabilities: {
    "event-destination": (_connection, context) =>
      httpEventDestination(context.destinationOptions as unknown as EventEndpointTarget),
  },
});
