import { Box, Tabs, type TabsProps } from "@shopify/polaris";

/**
 * Polaris's Tabs, with their row's height kept from the server's render. Tabs measures its tabs in the
 * browser before it shows any (to put those that do not fit under "More"), so the server's page has an
 * empty 16 px row that grows to 44 px once React runs, pushing the list below it down (a layout shift).
 */
export function FilterTabs(props: TabsProps) {
  return (
    <Box minHeight="2.75rem">
      <Tabs {...props} />
    </Box>
  );
}
