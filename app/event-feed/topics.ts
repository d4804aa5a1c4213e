// The Shopify topics the ERP event feed carries (seed 001), and what each event is about: events of one
// resource reach an endpoint in the order Shopify produced them.
export const FEED_TOPICS = [
  "orders/create",
  "fulfillments/create",
  "fulfillments/update",
  "products/create",
  "products/update",
] as const;

export type FeedTopic = (typeof FEED_TOPICS)[number];

export const isFeedTopic = (topic: string): topic is FeedTopic => (FEED_TOPICS as readonly string[]).includes(topic);

/** The seed's two-URL layout, offered when an endpoint is added. */
export const TOPIC_GROUPS: { name: string; topics: FeedTopic[] }[] = [
  { name: "Orders and fulfillments", topics: ["orders/create", "fulfillments/create", "fulfillments/update"] },
  { name: "Products", topics: ["products/create", "products/update"] },
];

/**
 * "order 123" / "product 9", read from the body's text: a fulfillment is about its order, so an
 * order's creation reaches the ERP before its fulfillments. The ids are read as written (Shopify's
 * 820982911946154508 does not survive JSON.parse as a number).
 */
export function resourceKeyOf(topic: string, body: string): string {
  if (topic.startsWith("fulfillments/")) return `order ${topLevelValue(body, "order_id") ?? "?"}`;
  const id = topLevelValue(body, "id") ?? "?";
  if (topic.startsWith("orders/")) return `order ${id}`;
  if (topic.startsWith("products/")) return `product ${id}`;
  return `${topic} ${id}`;
}

/** The text of a top-level number or string field of a JSON object, without parsing numbers. */
export function topLevelValue(json: string, key: string): string | null {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === '"') {
      const start = i + 1;
      for (i = start; i < json.length && json[i] !== '"'; i++) if (json[i] === "\\") i++;
      const name = json.slice(start, i);
      if (depth !== 1) continue;
      let j = i + 1;
      while (/\s/.test(json[j] ?? "")) j++;
      if (json[j] !== ":" || name !== key) continue;
      j++;
      while (/\s/.test(json[j] ?? "")) j++;
      if (json[j] === '"') {
        const end = json.indexOf('"', j + 1);
        return end > j ? json.slice(j + 1, end) : null;
      }
      const number = /^-?\d+(\.\d+)?/.exec(json.slice(j, j + 40));
      return number ? number[0] : null;
    }
  }
  return null;
}
