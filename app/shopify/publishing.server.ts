// The gateway the ready-to-sell publishing calls: draft products page by page, sales channels,
// activation and publication.
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  DRAFT_PRODUCTS_PAGE,
  PRODUCT_ACTIVATE,
  PRODUCT_PUBLISH,
  SALES_CHANNELS,
  type DraftProduct,
} from "./operations/publishing";

export type { DraftProduct } from "./operations/publishing";

/** Where the catalog import keeps a product's id in the source system (the FastmagID): a metafield. */
export const SOURCE_ID_METAFIELD = { namespace: "passerelle", key: "fastmag_id" };

/** Every DRAFT product, `onPage` called once per page of 15. */
export async function eachDraftProduct(
  client: ShopifyAdminClient,
  metafield: { namespace: string; key: string },
  onPage: (products: DraftProduct[]) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const {
      data,
    }: { data: { products: { nodes: DraftProduct[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } =
      await client.request(DRAFT_PRODUCTS_PAGE, {
        first: 15,
        after,
        query: "status:draft",
        namespace: metafield.namespace,
        key: metafield.key,
      });
    await onPage(data.products.nodes);
    if (!data.products.pageInfo.hasNextPage) return;
    after = data.products.pageInfo.endCursor;
  }
}

export async function salesChannels(client: ShopifyAdminClient): Promise<{ id: string; name: string }[]> {
  return (await client.request(SALES_CHANNELS)).data.publications.nodes;
}

export async function activateAndPublish(
  client: ShopifyAdminClient,
  productId: string,
  publicationIds: string[],
): Promise<void> {
  const activated = await client.request(PRODUCT_ACTIVATE, { id: productId });
  assertNoUserErrors("productUpdate", activated.data.productUpdate);
  if (!publicationIds.length) return;
  const published = await client.request(PRODUCT_PUBLISH, {
    id: productId,
    input: publicationIds.map((publicationId) => ({ publicationId })),
  });
  assertNoUserErrors("publishablePublish", published.data.publishablePublish);
}
