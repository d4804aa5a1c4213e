// The Unmatched screen's views (shared by the screen and the server).
export const UNMATCHED_VIEWS = ["source", "shopify", "ignored", "linked"] as const;
export type UnmatchedView = (typeof UNMATCHED_VIEWS)[number];
