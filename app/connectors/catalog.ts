// The back-office systems Passerelle can connect, as a merchant sees them. A connector appears on
// the Dashboard and Settings once the shop configures it.
export interface ConnectorDescription {
  id: string;
  name: string;
  kind: string;
}

export const CONNECTORS: readonly ConnectorDescription[] = [
  { id: "fastmag", name: "Fastmag", kind: "ERP / POS" },
  { id: "retailcrm", name: "RetailCRM", kind: "Warehouse" },
  { id: "square", name: "Square", kind: "Shop POS" },
  { id: "hiboutik", name: "Hiboutik", kind: "Shop POS" },
  { id: "lightspeed", name: "Lightspeed", kind: "Shop POS" },
  { id: "tuyo", name: "Tuyo", kind: "Marketplace" },
  { id: "erp-webhook", name: "ERP webhook feed", kind: "Any ERP (JSON)" },
];

export function describeConnector(id: string): ConnectorDescription {
  return CONNECTORS.find((c) => c.id === id) ?? { id, name: id, kind: "Connector" };
}
