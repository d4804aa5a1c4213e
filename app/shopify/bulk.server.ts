// Bulk operations: a query whose whole result is streamed back as JSONL lines, and a mutation run once
// per line of a staged JSONL upload. Both run outside the cost bucket; we poll until they finish.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fetch, FormData } from "undici";
import { said } from "../i18n/stored-words";
import { PermanentError, TransientError } from "../lib/errors";
import { outboundFailureSaid } from "../lib/http-outbound.server";
import { sleep } from "../lib/time";
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  BULK_MUTATION_RUN,
  BULK_OPERATION,
  BULK_QUERY_RUN,
  STAGED_UPLOADS_CREATE,
  type BulkOperationFields,
} from "./operations/bulk";

// Whole-file transfers of large results: generous, but never unbounded.
const TRANSFER_TIMEOUT_MS = 15 * 60_000;

const transferFailed =
  (what: "words5.shopify.bulkDownloadFailed" | "words5.shopify.stagedUploadFailed") => (cause: unknown) => {
    throw new TransientError(said(what, { reason: outboundFailureSaid(cause, { timeoutMs: TRANSFER_TIMEOUT_MS }) }), {
      cause,
    });
  };

export interface BulkOptions {
  pollMs?: number;
  timeoutMs?: number;
  checkpoint?: () => Promise<void>;
}

async function waitFor(
  client: ShopifyAdminClient,
  started: BulkOperationFields,
  options: BulkOptions,
): Promise<BulkOperationFields> {
  const deadline = Date.now() + (options.timeoutMs ?? 60 * 60_000);
  let op = started;
  // Start fast (small results finish in milliseconds), then back off to the usual poll interval.
  for (
    let wait = 25;
    op.status === "CREATED" || op.status === "RUNNING" || op.status === "CANCELING";
    wait = Math.min(wait * 2, options.pollMs ?? 1_000)
  ) {
    if (Date.now() > deadline) throw new TransientError(said("shopify.bulkTimeout", { id: op.id }));
    await options.checkpoint?.();
    await sleep(wait);
    const { data } = await client.request(BULK_OPERATION, { id: op.id });
    if (!data.node) throw new PermanentError(said("shopify.bulkLost", { id: op.id }));
    op = data.node;
  }
  if (op.status !== "COMPLETED")
    throw new TransientError(said("shopify.bulkEnded", { id: op.id, status: op.status, code: op.errorCode ?? "" }));
  return op;
}

/**
 * Lines of a JSONL result, parsed one at a time. The file is first saved to a temporary file at full
 * speed, then read from disk: the caller may take minutes over the lines (writes paced by the cost
 * bucket) and a download held open that long gets cut by the server; memory stays flat either way.
 */
export async function* jsonLines<T>(url: string | null): AsyncGenerator<T> {
  if (!url) return; // an empty result has no file
  const deadline = AbortSignal.timeout(TRANSFER_TIMEOUT_MS);
  const response = await fetch(url, { signal: deadline }).catch(transferFailed("words5.shopify.bulkDownloadFailed"));
  if (!response.ok || !response.body)
    throw new TransientError(said("shopify.bulkDownloadFailed", { status: response.status }));
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "passerelle-bulk-"));
  const file = path.join(dir, "result.jsonl");
  try {
    await pipeline(
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
      fs.createWriteStream(file),
    ).catch(transferFailed("words5.shopify.bulkDownloadFailed"));
    const lines = readline.createInterface({
      input: fs.createReadStream(file, { encoding: "utf8" }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Starts a bulk query; the returned function waits for it and streams its lines. */
export async function startBulkQuery<T>(
  client: ShopifyAdminClient,
  query: string,
  options: BulkOptions = {},
): Promise<() => AsyncGenerator<T>> {
  const { data } = await client.request(BULK_QUERY_RUN, { query });
  const payload = assertNoUserErrors("bulkOperationRunQuery", data.bulkOperationRunQuery);
  if (!payload.bulkOperation)
    throw new PermanentError(said("words6.shopify.noOperation", { operation: "bulkOperationRunQuery" }));
  const started = payload.bulkOperation;
  return async function* () {
    const done = await waitFor(client, started, options);
    yield* jsonLines<T>(done.url);
  };
}

/** Runs `mutation` once per variables object, through a staged upload; yields each line's result. */
export async function* runBulkMutation<T>(
  client: ShopifyAdminClient,
  mutation: string,
  variables: Iterable<unknown>,
  options: BulkOptions = {},
): AsyncGenerator<T> {
  const { data } = await client.request(STAGED_UPLOADS_CREATE, { filename: "bulk_op_vars.jsonl" });
  const target = assertNoUserErrors("stagedUploadsCreate", data.stagedUploadsCreate).stagedTargets?.[0];
  if (!target?.url)
    throw new PermanentError(said("words6.shopify.noUploadTarget", { operation: "stagedUploadsCreate" }));
  // The variables go through a temporary file, uploaded from disk: 100k variants make ~10 MB of JSONL.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "passerelle-bulk-"));
  try {
    const file = path.join(dir, "bulk_op_vars.jsonl");
    await pipeline(
      Readable.from(
        (function* () {
          let first = true;
          for (const v of variables) {
            yield `${first ? "" : "\n"}${JSON.stringify(v)}`;
            first = false;
          }
        })(),
      ),
      fs.createWriteStream(file),
    );
    const form = new FormData();
    for (const { name, value } of target.parameters) form.append(name, value);
    form.append("file", await fs.openAsBlob(file, { type: "text/jsonl" }), "bulk_op_vars.jsonl");
    const upload = await fetch(target.url, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS),
    }).catch(transferFailed("words5.shopify.stagedUploadFailed"));
    if (!upload.ok) throw new TransientError(said("shopify.stagedUploadFailed", { status: upload.status }));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  const key = target.parameters.find((p) => p.name === "key")?.value;
  if (!key) throw new PermanentError(said("words6.shopify.uploadTargetNoKey"));
  const run = await client.request(BULK_MUTATION_RUN, { mutation, stagedUploadPath: key });
  const payload = assertNoUserErrors("bulkOperationRunMutation", run.data.bulkOperationRunMutation);
  if (!payload.bulkOperation)
    throw new PermanentError(said("words6.shopify.noOperation", { operation: "bulkOperationRunMutation" }));
  // Once Shopify has the mutation it writes every line whatever we do: it is the batch in flight. It is
  // waited for without a checkpoint, so a cancelled run still reads and records what it wrote.
  const done = await waitFor(client, payload.bulkOperation, { ...options, checkpoint: undefined });
  yield* jsonLines<T>(done.url);
}
