import { Badge } from "@shopify/polaris";
import { STATE_WORDS, type PromotionState } from "../promotions/model";

const TONES: Record<PromotionState, "info" | "success" | "attention" | undefined | "critical"> = {
  scheduled: "info",
  active: "success",
  ending: "attention",
  ended: undefined,
  failed: "critical",
};

export function PromotionStateBadge({ state }: { state: PromotionState }) {
  return <Badge tone={TONES[state]}>{STATE_WORDS[state]}</Badge>;
}
