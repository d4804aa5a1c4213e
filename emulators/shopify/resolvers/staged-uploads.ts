// stagedUploadsCreate for images and files: a target that keeps the bytes (PUT, Shopify's default for
// images, or a POST form), with the resourceUrl to give productCreateMedia/fileCreate. Bulk mutation
// variables stay with bulk-operations.ts.
import { fileUrl } from "../files";
import { notImplemented, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { bulkOperationsModule } from "./bulk-operations";

const FILE_RESOURCES = ["IMAGE", "PRODUCT_IMAGE", "FILE", "COLLECTION_IMAGE", "SHOP_IMAGE"];

// Read at call time: the modules import each other through the executor.
const baseStagedUploads = (a: unknown, c: ResolverContext) =>
  (bulkOperationsModule.mutation!.stagedUploadsCreate as (a: unknown, c: ResolverContext) => { stagedTargets: View[] })(
    a,
    c,
  );

interface StagedInput {
  filename: string;
  mimeType: string;
  resource: string;
  httpMethod?: string | null;
  fileSize?: string | null;
}

function stagedUploadsCreate(args: { input: StagedInput[] }, ctx: ResolverContext) {
  const targets = args.input.map((input) => {
    if (input.resource === "BULK_MUTATION_VARIABLES")
      return baseStagedUploads({ input: [input] }, ctx).stagedTargets[0];
    if (!FILE_RESOURCES.includes(input.resource))
      throw notImplemented(`stagedUploadsCreate(resource: ${input.resource})`);
    const key = `tmp/${ctx.shop.id}/files/${ctx.store.nextId()}/${input.filename}`;
    const param = (name: string, value: string) => ({ __typename: "StagedUploadParameter", name, value });
    // Shopify's image targets default to PUT (a signed URL taking the bytes as the body).
    if ((input.httpMethod ?? "PUT") === "PUT")
      return {
        __typename: "StagedMediaUploadTarget",
        url: fileUrl(ctx.shop.domain, key),
        resourceUrl: fileUrl(ctx.shop.domain, key),
        parameters: [param("content_type", input.mimeType), param("acl", "private")],
      };
    return {
      __typename: "StagedMediaUploadTarget",
      url: fileUrl(ctx.shop.domain, "uploads"),
      resourceUrl: fileUrl(ctx.shop.domain, key),
      parameters: [param("key", key), param("Content-Type", input.mimeType), param("success_action_status", "201")],
    };
  });
  return { __typename: "StagedUploadsCreatePayload", stagedTargets: targets, userErrors: [] };
}

export const stagedUploadsModule: DomainModule = { mutation: { stagedUploadsCreate } };
