// Theme app extension blocks as the online store shows them: each `extensions/<ext>/blocks/<name>.liquid`
// of an extension whose shopify.extension.toml says `type = "theme"`, rendered with its schema's
// default settings, its `javascript`/`stylesheet` assets loaded as Shopify loads them. The Liquid is a
// small subset — `{{ block.id }}`, `{{ block.settings.<id> }}`, `{{ block.shopify_attributes }}`, the
// `escape` and `asset_url` filters, `{%- comment -%}` and `{% schema %}` — and anything else fails
// loudly (`emulator: Liquid … is not implemented`) instead of rendering wrong.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { escapeHtml } from "./http/io";

export interface ThemeBlock {
  extension: string;
  /** The file's name without `.liquid`: the storefront shows it at /pages/<name>. */
  name: string;
  title: string;
  html: string;
  javascript?: string;
  stylesheet?: string;
}

interface BlockSchema {
  name?: string;
  javascript?: string;
  stylesheet?: string;
  settings?: { id: string; default?: unknown }[];
}

/** Where the storefront serves an extension's assets (Shopify: its CDN). */
export const assetUrl = (extension: string, file: string) =>
  `/cdn/extensions/${encodeURIComponent(extension)}/assets/${encodeURIComponent(file)}`;

function themeExtensions(extensionsDir: string | undefined): string[] {
  if (!extensionsDir || !fs.existsSync(extensionsDir)) return [];
  return fs
    .readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => {
      const toml = path.join(extensionsDir, name, "shopify.extension.toml");
      return fs.existsSync(toml) && (parse(fs.readFileSync(toml, "utf8")) as { type?: string }).type === "theme";
    });
}

/** Every block of the app's theme extensions, read again at each call (edits show on reload). */
export function themeBlocks(extensionsDir: string | undefined): ThemeBlock[] {
  const blocks: ThemeBlock[] = [];
  for (const extension of themeExtensions(extensionsDir)) {
    const dir = path.join(extensionsDir!, extension, "blocks");
    if (!fs.existsSync(dir)) continue;
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".liquid"))
      .sort()) {
      const name = file.replace(/\.liquid$/, "");
      blocks.push(renderBlock(extension, name, fs.readFileSync(path.join(dir, file), "utf8")));
    }
  }
  return blocks;
}

/** An asset file of a theme extension, or null (no path escapes the extension's assets folder). */
export function themeAsset(extensionsDir: string | undefined, extension: string, file: string): Buffer | null {
  if (!themeExtensions(extensionsDir).includes(extension) || file.includes("/") || file.startsWith(".")) return null;
  const full = path.join(extensionsDir!, extension, "assets", file);
  return fs.existsSync(full) ? fs.readFileSync(full) : null;
}

export function renderBlock(extension: string, name: string, source: string): ThemeBlock {
  const schemaMatch = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  const schema = (schemaMatch ? JSON.parse(schemaMatch[1]!) : {}) as BlockSchema;
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) settings[setting.id] = setting.default ?? "";
  const blockId = `${extension}-${name}`.replace(/[^A-Za-z0-9_-]/g, "_");
  let body = source
    .replace(schemaMatch?.[0] ?? "\u0000", "")
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, "");
  const tag = /\{%[\s\S]*?%\}/.exec(body);
  if (tag) throw new Error(`emulator: Liquid tag ${tag[0]} is not implemented`);
  body = body.replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (_, expression: string) =>
    evaluate(expression, { extension, blockId, settings }),
  );
  return {
    extension,
    name,
    title: schema.name ?? name,
    html: body.trim(),
    javascript: schema.javascript,
    stylesheet: schema.stylesheet,
  };
}

function evaluate(
  expression: string,
  scope: { extension: string; blockId: string; settings: Record<string, unknown> },
): string {
  const [head, ...filters] = expression.split("|").map((part) => part.trim());
  let value: string;
  const literal = /^'([^']*)'$|^"([^"]*)"$/.exec(head!);
  if (literal) value = literal[1] ?? literal[2]!;
  else if (head === "block.id") value = scope.blockId;
  else if (head === "block.shopify_attributes")
    value = ""; // only the theme editor adds attributes
  else if (head!.startsWith("block.settings."))
    value = String(scope.settings[head!.slice("block.settings.".length)] ?? "");
  else throw new Error(`emulator: Liquid variable ${head} is not implemented`);
  for (const filter of filters) {
    if (filter === "escape") value = escapeHtml(value);
    else if (filter === "asset_url") value = assetUrl(scope.extension, value);
    else throw new Error(`emulator: Liquid filter ${filter} is not implemented`);
  }
  return value;
}
