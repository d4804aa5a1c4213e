// Product photos: finding a product by SKU, a staged upload target per image (PUT, the bytes as the
// body), productCreateMedia, following each media's processing, putting a colour's first photo on its
// variants, and deleting a replaced photo.
import { defineOperation, type UserError } from "../operation";

export interface ProductForImages {
  id: string;
  variants: { nodes: { id: string; sku: string | null; media: { nodes: { id: string }[] } }[] };
}

export const PRODUCTS_FOR_IMAGES = defineOperation<{ products: { nodes: ProductForImages[] } }, { query: string }>({
  name: "ProductsForImages",
  // Two products are enough to tell one from several; a variant's media costs 3, the variant 1.
  expectedCost: 2 + 2 * (3 + 100 * 4),
  document: /* GraphQL */ `
    #graphql
    query ProductsForImages($query: String!) {
      products(first: 2, query: $query) {
        nodes {
          id
          variants(first: 100) {
            nodes {
              id
              sku
              media(first: 1) {
                nodes {
                  id
                }
              }
            }
          }
        }
      }
    }
  `,
});

export interface ProductMediaAlts {
  product: { media: { nodes: { id: string; alt: string | null }[] } } | null;
}

/** A product's media with their alt texts: the image sync finds there the media it created but did not record. */
export const PRODUCT_MEDIA_ALTS = defineOperation<ProductMediaAlts, { id: string }>({
  name: "ProductMediaAlts",
  // The product 1, the media connection 2 + 250 (Shopify's maximum of media per product).
  expectedCost: 1 + 2 + 250,
  document: /* GraphQL */ `
    #graphql
    query ProductMediaAlts($id: ID!) {
      product(id: $id) {
        media(first: 250) {
          nodes {
            id
            alt
          }
        }
      }
    }
  `,
});

export const STAGED_IMAGE_UPLOAD = defineOperation<
  {
    stagedUploadsCreate: {
      stagedTargets:
        { url: string | null; resourceUrl: string | null; parameters: { name: string; value: string }[] }[] | null;
      userErrors: UserError[];
    } | null;
  },
  { filename: string; mimeType: string; fileSize: string }
>({
  name: "StagedImageUpload",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation StagedImageUpload($filename: String!, $mimeType: String!, $fileSize: UnsignedInt64!) {
      stagedUploadsCreate(
        input: [
          { resource: PRODUCT_IMAGE, filename: $filename, mimeType: $mimeType, fileSize: $fileSize, httpMethod: PUT }
        ]
      ) {
        stagedTargets {
          url
          resourceUrl
          parameters {
            name
            value
          }
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface MediaState {
  id: string;
  status: "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
  mediaErrors: { code: string; message: string; details: string | null }[];
}

export const PRODUCT_CREATE_MEDIA = defineOperation<
  {
    productCreateMedia: {
      media: MediaState[] | null;
      mediaUserErrors: (UserError & { code: string | null })[];
    } | null;
  },
  { productId: string; originalSource: string; alt: string }
>({
  name: "ProductCreateMedia",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductCreateMedia($productId: ID!, $originalSource: String!, $alt: String!) {
      productCreateMedia(
        productId: $productId
        media: [{ mediaContentType: IMAGE, originalSource: $originalSource, alt: $alt }]
      ) {
        media {
          id
          status
          mediaErrors {
            code
            message
            details
          }
        }
        mediaUserErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export const MEDIA_STATES = defineOperation<{ nodes: (MediaState | null)[] }, { ids: string[] }>({
  name: "MediaStates",
  expectedCost: ({ ids }) => 1 + ids.length,
  document: /* GraphQL */ `
    #graphql
    query MediaStates($ids: [ID!]!) {
      nodes(ids: $ids) {
        ... on MediaImage {
          id
          status
          mediaErrors {
            code
            message
            details
          }
        }
      }
    }
  `,
});

export const VARIANTS_APPEND_MEDIA = defineOperation<
  { productVariantAppendMedia: { userErrors: (UserError & { code: string | null })[] } | null },
  { productId: string; variantMedia: { variantId: string; mediaIds: string[] }[] }
>({
  name: "VariantsAppendMedia",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation VariantsAppendMedia($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
      productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export const VARIANTS_DETACH_MEDIA = defineOperation<
  { productVariantDetachMedia: { userErrors: (UserError & { code: string | null })[] } | null },
  { productId: string; variantMedia: { variantId: string; mediaIds: string[] }[] }
>({
  name: "VariantsDetachMedia",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation VariantsDetachMedia($productId: ID!, $variantMedia: [ProductVariantDetachMediaInput!]!) {
      productVariantDetachMedia(productId: $productId, variantMedia: $variantMedia) {
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export const FILES_DELETE = defineOperation<
  { fileDelete: { deletedFileIds: string[] | null; userErrors: (UserError & { code: string | null })[] } | null },
  { fileIds: string[] }
>({
  name: "FilesDelete",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation FilesDelete($fileIds: [ID!]!) {
      fileDelete(fileIds: $fileIds) {
        deletedFileIds
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});
