// The real Admin API schema of the pinned version, loaded once from its introspection dump, and the
// checks built on it: validating one document, and finding every `#graphql` document the app sends.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-07";

const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");
const cache = new Map<string, GraphQLSchema>();

/** The Admin schema of `version` (cached: building it takes a few hundred milliseconds). */
export function loadAdminSchema(version: string = ADMIN_API_VERSION): GraphQLSchema {
  let schema = cache.get(version);
  if (!schema) {
    const file = path.join(SCHEMA_DIR, `admin_${version}.json.gz`);
    const json = JSON.parse(gunzipSync(fs.readFileSync(file)).toString("utf8")) as { data: IntrospectionQuery };
    schema = buildClientSchema(json.data);
    cache.set(version, schema);
  }
  return schema;
}

/** Error messages of `source` against the schema: syntax errors first, then validation errors. */
export function validateDocument(source: string, schema: GraphQLSchema = loadAdminSchema()): string[] {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    return [(error as Error).message];
  }
  return validate(schema, document).map((error) => error.message);
}

export interface AppDocument {
  file: string;
  line: number;
  /** The operation or fragment name declared by the document, or "(anonymous)". */
  operation: string;
  source: string;
}

// `#graphql` must end its line, so prose that quotes `#graphql` (in a comment) is not a document.
const GRAPHQL_TEMPLATE = /`(\s*#graphql[ \t]*\r?\n[\s\S]*?)(?<!\\)`/g;

/** Every template literal starting with `#graphql` in the .ts/.tsx files under `root`. */
export function findAppDocuments(root: string): AppDocument[] {
  const documents: AppDocument[] = [];
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(GRAPHQL_TEMPLATE)) {
      const source = match[1];
      const line = text.slice(0, match.index).split("\n").length;
      const operation = /\b(?:query|mutation|subscription|fragment)\s+(\w+)/.exec(source)?.[1] ?? "(anonymous)";
      documents.push({ file, line, operation, source });
    }
  }
  return documents;
}

export interface InvalidDocument extends AppDocument {
  errors: string[];
}

/** The app's documents that do not validate against the schema (interpolations are refused: a
 * document must be checkable as written). */
export function invalidAppDocuments(root: string, schema: GraphQLSchema = loadAdminSchema()): InvalidDocument[] {
  const invalid: InvalidDocument[] = [];
  for (const document of findAppDocuments(root)) {
    const errors = document.source.includes("${")
      ? ["the document interpolates ${…}; write it out in full so it can be validated"]
      : validateDocument(document.source, schema);
    if (errors.length > 0) invalid.push({ ...document, errors });
  }
  return invalid;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) yield full;
  }
}
