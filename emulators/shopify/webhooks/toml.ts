// App-wide webhook subscriptions and scopes declared in shopify.app.toml.
import fs from "node:fs";
import { parse } from "smol-toml";

export interface TomlSubscription {
  /** Topic as written in the toml, e.g. "app/uninstalled". */
  topic: string;
  uri: string;
  compliance: boolean;
}

export interface AppToml {
  apiVersion?: string;
  scopes?: string;
  subscriptions: TomlSubscription[];
  /** `[app_proxy]`: https://<shop>/<prefix>/<subpath>/… goes to the app's `url` (its path on the app's URL). */
  appProxy?: { prefix: string; subpath: string; path: string };
}

interface RawToml {
  access_scopes?: { scopes?: string };
  app_proxy?: { url?: string; subpath?: string; prefix?: string };
  webhooks?: {
    api_version?: string;
    subscriptions?: { topics?: string[]; compliance_topics?: string[]; uri?: string }[];
  };
}

export function readAppToml(path: string | undefined): AppToml {
  if (!path || !fs.existsSync(path)) return { subscriptions: [] };
  const raw = parse(fs.readFileSync(path, "utf8")) as RawToml;
  const subscriptions: TomlSubscription[] = [];
  for (const entry of raw.webhooks?.subscriptions ?? []) {
    if (!entry.uri) continue;
    for (const topic of entry.topics ?? []) subscriptions.push({ topic, uri: entry.uri, compliance: false });
    for (const topic of entry.compliance_topics ?? []) subscriptions.push({ topic, uri: entry.uri, compliance: true });
  }
  const proxy = raw.app_proxy;
  const appProxy =
    proxy?.url && proxy.subpath
      ? { prefix: proxy.prefix ?? "apps", subpath: proxy.subpath, path: new URL(proxy.url).pathname.replace(/\/$/, "") }
      : undefined;
  return { apiVersion: raw.webhooks?.api_version, scopes: raw.access_scopes?.scopes, subscriptions, appProxy };
}

/** "app/uninstalled" → "APP_UNINSTALLED" (the GraphQL enum form). */
export const topicEnum = (topic: string) => topic.toUpperCase().replace(/\//g, "_");
