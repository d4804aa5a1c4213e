// Files the emulator serves like Shopify's storage: staged uploads (the JSONL variables of a bulk
// mutation, images and other files) and bulk operation results. Addressed as
// https://<shop>/_emulator-files/<path>, which the app's origin override sends to the emulator, so the
// app fetches them as it would Google Cloud Storage. Uploads are kept as bytes.
const files = new Map<string, Buffer>();

export const FILES_PREFIX = "/_emulator-files/";

export function fileUrl(shopDomain: string, path: string): string {
  return `https://${shopDomain}${FILES_PREFIX}${path}`;
}

export function putFile(shopDomain: string, path: string, content: string | Buffer): void {
  files.set(`${shopDomain}|${path}`, typeof content === "string" ? Buffer.from(content) : content);
}

export function getFile(shopDomain: string, path: string): string | undefined {
  return files.get(`${shopDomain}|${path}`)?.toString("utf8");
}

export function getFileBytes(shopDomain: string, path: string): Buffer | undefined {
  return files.get(`${shopDomain}|${path}`);
}

/** The stored bytes behind https://<shop>/_emulator-files/<path>, or undefined for any other URL. */
export function bytesAtUrl(shopDomain: string, url: string): Buffer | undefined {
  const prefix = fileUrl(shopDomain, "");
  if (!url.startsWith(prefix)) return undefined;
  return getFileBytes(shopDomain, decodeURIComponent(url.slice(prefix.length).split("?")[0]));
}
