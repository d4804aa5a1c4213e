import { Badge } from "@shopify/polaris";
import { useWords } from "../i18n/words";
import { STATE_LABELS, type PromotionState } from "../promotions/model";

const TONES: Record<PromotionState, "info" | "success" | "attention" | undefined | "critical"> = {
  scheduled: "info",
  active: "success",
  ending: "attention",
  ended: undefined,
  failed: "critical",
};

export function PromotionStateBadge({ state }: { state: PromotionState }) {
  const words = useWords(STATE_LABELS);
  return <Badge tone={TONES[state]}>{words[state]}</Badge>;
}
