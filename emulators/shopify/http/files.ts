// GET https://<shop>/_emulator-files/<path> (a bulk result or an upload), PUT …/tmp/<key> (a PUT staged
// target) and POST …/uploads (a staged upload, as
// multipart/form-data with the target's parameters plus `file`, like Shopify's storage accepts it).
import type { IncomingMessage, ServerResponse } from "node:http";
import { FILES_PREFIX, getFileBytes, putFile } from "../files";
import { sendJson, sendText, shopDomainOf } from "./io";

export async function handleFiles(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const domain = shopDomainOf(req);
  if (!domain) return sendJson(res, 404, { errors: "Not Found" });
  const path = decodeURIComponent(pathname.slice(FILES_PREFIX.length));
  if (req.method === "GET") {
    const content = getFileBytes(domain, path);
    if (content === undefined) return sendText(res, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>");
    res.writeHead(200, { "content-type": path.endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream" });
    return void res.end(content);
  }
  // A PUT staged target (images default to PUT): the body is the file, at the target's own path.
  if (req.method === "PUT" && path.startsWith("tmp/")) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    putFile(domain, path, Buffer.concat(chunks));
    res.writeHead(200);
    return void res.end();
  }
  if (req.method === "POST" && path === "uploads") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers({ "content-type": String(req.headers["content-type"] ?? "") });
    let form: FormData;
    try {
      form = await new Request("http://upload.invalid/", {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      }).formData();
    } catch {
      return sendText(res, 400, "application/xml", "<Error><Code>MalformedPOSTRequest</Code></Error>");
    }
    const key = form.get("key");
    const file = form.get("file");
    if (typeof key !== "string" || !file)
      return sendText(
        res,
        400,
        "application/xml",
        "<Error><Code>InvalidArgument</Code><Message>key and file are required</Message></Error>",
      );
    putFile(domain, key, typeof file === "string" ? file : Buffer.from(await file.arrayBuffer()));
    res.writeHead(201, { "content-type": "application/xml" });
    return void res.end(`<PostResponse><Key>${key}</Key></PostResponse>`);
  }
  sendJson(res, 405, { errors: "Method Not Allowed" });
}
