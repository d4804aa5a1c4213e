// The catalog import's documents: the unique product metafield that identifies a source's product,
// productSet (one product at a time, or per line of a bulk mutation), the first import's read of every
// product with its variants, and metafieldsSet to mark the products it matched.
import { defineOperation, type UserError } from "../operation";

export interface MetafieldDefinitionFields {
  id: string;
  namespace: string;
  key: string;
  capabilities: { uniqueValues: { enabled: boolean } };
}

export const METAFIELD_DEFINITION_BY_KEY = defineOperation<
  { metafieldDefinitions: { nodes: MetafieldDefinitionFields[] } },
  { namespace: string; key: string }
>({
  name: "ProductIdDefinition",
  expectedCost: 3,
  document: /* GraphQL */ `
    #graphql
    query ProductIdDefinition($namespace: String!, $key: String!) {
      metafieldDefinitions(first: 1, ownerType: PRODUCT, namespace: $namespace, key: $key) {
        nodes {
          id
          namespace
          key
          capabilities {
            uniqueValues {
              enabled
            }
          }
        }
      }
    }
  `,
});

export const METAFIELD_DEFINITION_CREATE = defineOperation<
  {
    metafieldDefinitionCreate: {
      createdDefinition: MetafieldDefinitionFields | null;
      userErrors: UserError[];
    } | null;
  },
  { definition: Record<string, unknown> }
>({
  name: "ProductIdDefinitionCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductIdDefinitionCreate($definition: MetafieldDefinitionInput!) {
      metafieldDefinitionCreate(definition: $definition) {
        createdDefinition {
          id
          namespace
          key
          capabilities {
            uniqueValues {
              enabled
            }
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export interface ProductSetResult {
  product: { id: string; variants: { nodes: { id: string; sku: string | null }[] } } | null;
  userErrors: UserError[];
}

export interface ProductSetVariables {
  input: Record<string, unknown>;
  identifier: { customId: { namespace: string; key: string; value: string } };
}

/** The document both ways use: synchronously one product per call, or once per line of a bulk mutation. */
const PRODUCT_SET_DOCUMENT = /* GraphQL */ `
  #graphql
  mutation CatalogProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
    productSet(input: $input, identifier: $identifier, synchronous: true) {
      product {
        id
        variants(first: 250) {
          nodes {
            id
            sku
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const CATALOG_PRODUCT_SET = defineOperation<{ productSet: ProductSetResult | null }, ProductSetVariables>({
  name: "CatalogProductSet",
  // productSet is a mutation (10) whose variants add to the cost; 2,048 variants stay far below 1,000.
  expectedCost: (v) => 10 + Math.ceil(((v.input.variants as unknown[] | undefined)?.length ?? 0) / 10),
  document: PRODUCT_SET_DOCUMENT,
});

/** The same mutation as a bulk operation runs it (its own calls, outside the cost bucket). */
export const CATALOG_PRODUCT_SET_BULK = PRODUCT_SET_DOCUMENT;

export interface ShopifyCatalogLine {
  id: string;
  __parentId?: string;
  sku?: string | null;
  barcode?: string | null;
  title?: string;
  metafield?: { value: string } | null;
  price?: string;
  compareAtPrice?: string | null;
  selectedOptions?: { name: string; value: string }[];
}

/** The first import's read: every product with its id metafield and its variants' SKUs and barcodes. */
export const catalogProductsBulkQuery = (namespace: string, key: string) => /* GraphQL */ `{
  products {
    edges {
      node {
        id
        title
        metafield(namespace: ${JSON.stringify(namespace)}, key: ${JSON.stringify(key)}) { value }
        variants { edges { node { id sku barcode price compareAtPrice selectedOptions { name value } } } }
      }
    }
  }
}`;

export const CATALOG_METAFIELDS_SET = defineOperation<
  {
    metafieldsSet: {
      metafields: { ownerId?: string; id: string }[] | null;
      userErrors: (UserError & { elementIndex?: number | null })[];
    } | null;
  },
  { metafields: { ownerId: string; namespace: string; key: string; type: string; value: string }[] }
>({
  name: "CatalogMetafieldsSet",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation CatalogMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
      metafieldsSet(metafields: $metafields) {
        metafields {
          id
        }
        userErrors {
          field
          message
          code
          elementIndex
        }
      }
    }
  `,
});
