// The admin block (admin.customer-details.block.render): asks the app what the ERP owes the customer
// whose page is open and shows it. Plain DOM with Shopify's web components, so nothing to install.
import { creditContent, errorContent, loadingContent, type BlockNode, type CreditAnswer } from "./credit-view";

/** The part of the target's API the block uses (Shopify admin provides the global). */
declare const shopify: { data: { selected: { id: string }[] } };

function element(node: BlockNode): HTMLElement {
  const el = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.props ?? {})) el.setAttribute(name, value);
  if (node.text !== undefined) el.textContent = node.text;
  for (const child of node.children ?? []) el.appendChild(element(child));
  return el;
}

function show(block: HTMLElement, nodes: BlockNode[]) {
  block.replaceChildren(...nodes.map(element));
}

export default async () => {
  const block = document.createElement("s-admin-block");
  block.setAttribute("heading", "Wallet and credit notes");
  document.body.appendChild(block);
  show(block, loadingContent());
  const customerId = shopify.data.selected[0]?.id ?? "";
  try {
    // A relative URL goes to the app; Shopify adds the session token as Authorization.
    const response = await fetch(`/api/customers/credit?customerId=${encodeURIComponent(customerId)}`);
    const body = (await response.json().catch(() => ({}))) as Partial<CreditAnswer> & { error?: string };
    if (!response.ok) show(block, errorContent(body.error ?? "The app could not answer. Try again in a moment."));
    else show(block, creditContent(body as CreditAnswer));
  } catch {
    show(block, errorContent("The app could not be reached. Try again in a moment."));
  }
};
