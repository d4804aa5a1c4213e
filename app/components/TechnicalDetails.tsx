// Class names, causes and codes of a failure, for support: folded away behind "Technical details" so
// the merchant reads the plain sentence first (app/lib/merchant-messages.server.ts).
import { BlockStack, Button, Collapsible, Text } from "@shopify/polaris";
import { useId, useState } from "react";
import { defineWords, useWords } from "../i18n/words";

const WORDS = defineWords({ en: { details: "Technical details" }, fr: { details: "Détails techniques" } });

export function TechnicalDetails({ details }: { details: string | null | undefined }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const t = useWords(WORDS);
  if (!details) return null;
  return (
    <BlockStack gap="100">
      <div>
        <Button
          variant="plain"
          onClick={() => setOpen((o) => !o)}
          ariaExpanded={open}
          ariaControls={id}
          disclosure={open ? "up" : "down"}
        >
          {t.details}
        </Button>
      </div>
      <Collapsible id={id} open={open}>
        <Text as="p" variant="bodySm" tone="subdued" breakWord>
          <span style={{ whiteSpace: "pre-wrap", fontFamily: "monospace" }}>{details}</span>
        </Text>
      </Collapsible>
    </BlockStack>
  );
}
