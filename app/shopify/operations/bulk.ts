import { defineOperation, type UserError } from "../operation";

export interface BulkOperationFields {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "CANCELING" | "EXPIRED";
  errorCode: string | null;
  objectCount: string;
  url: string | null;
}

export const BULK_QUERY_RUN = defineOperation<
  { bulkOperationRunQuery: { bulkOperation: BulkOperationFields | null; userErrors: UserError[] } | null },
  { query: string }
>({
  name: "BulkQueryRun",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation BulkQueryRun($query: String!) {
      bulkOperationRunQuery(query: $query, groupObjects: false) {
        bulkOperation {
          id
          status
          errorCode
          objectCount
          url
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

export const BULK_OPERATION = defineOperation<{ node: BulkOperationFields | null }, { id: string }>({
  name: "BulkOperationStatus",
  expectedCost: 1,
  document: /* GraphQL */ `
    #graphql
    query BulkOperationStatus($id: ID!) {
      node(id: $id) {
        ... on BulkOperation {
          id
          status
          errorCode
          objectCount
          url
        }
      }
    }
  `,
});

export const STAGED_UPLOADS_CREATE = defineOperation<
  {
    stagedUploadsCreate: {
      stagedTargets: { url: string | null; parameters: { name: string; value: string }[] }[] | null;
      userErrors: UserError[];
    } | null;
  },
  { filename: string }
>({
  name: "StagedUploadsCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation StagedUploadsCreate($filename: String!) {
      stagedUploadsCreate(
        input: [{ resource: BULK_MUTATION_VARIABLES, filename: $filename, mimeType: "text/jsonl", httpMethod: POST }]
      ) {
        stagedTargets {
          url
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

export const BULK_MUTATION_RUN = defineOperation<
  { bulkOperationRunMutation: { bulkOperation: BulkOperationFields | null; userErrors: UserError[] } | null },
  { mutation: string; stagedUploadPath: string }
>({
  name: "BulkMutationRun",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation BulkMutationRun($mutation: String!, $stagedUploadPath: String!) {
      bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath) {
        bulkOperation {
          id
          status
          errorCode
          objectCount
          url
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
