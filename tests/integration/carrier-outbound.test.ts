// The SOAP carriers' transport: a carrier that hangs, stalls mid-answer or cuts the connection gives a
// transient error within the deadline (the job retries later); a merchant-configured address that
// is not public https is refused before any call.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sayIn } from "~/i18n/stored-words";
import { isTransient, merchantMessageOf } from "~/lib/errors";
import { CarrierRefusedError, CarrierUnavailableError, postXml } from "~/lib/soap.server";
import { createChronopostTracker } from "~/connectors/chronopost/client.server";

let server: http.Server;
let calls = 0;
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    calls++;
    if (req.url === "/hang") return void open.add(res);
    if (req.url === "/stall") {
      open.add(res);
      res.writeHead(200, { "content-type": "text/xml", "content-length": "5000" });
      return void res.write("<soap:Envelope>");
    }
    if (req.url === "/cut") return void req.socket.destroy();
    if (req.url === "/chronopost-refuses")
      return void res
        .writeHead(200, { "content-type": "text/xml" })
        .end(
          "<Envelope><Body><trackSkybillV2Response><return><errorCode>2</errorCode><errorMessage>Compte non autorisé pour ce service</errorMessage></return></trackSkybillV2Response></Body></Envelope>",
        );
    res.writeHead(200, { "content-type": "text/xml" }).end("<Envelope><Body><ok>1</ok></Body></Envelope>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
const post = (path: string, options: Partial<Parameters<typeof postXml>[3]> = {}) =>
  postXml("Chronopost", url(path), "<x/>", { contentType: "text/xml", timeoutMs: 300, ...options });

describe("carrier calls", () => {
  it("give up on a carrier that hangs or stalls mid-answer, as a transient failure", async () => {
    for (const path of ["/hang", "/stall"]) {
      const started = Date.now();
      const error = await post(path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(CarrierUnavailableError);
      expect(isTransient(error)).toBe(true);
      expect((error as Error).message).toBe("Chronopost could not be reached: no answer within 0.3 s");
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it("report a cut connection in plain words", async () => {
    const error = await post("/cut").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierUnavailableError);
    expect((error as Error).message).toMatch(/^Chronopost could not be reached: the connection was cut/);
    // A run stores its words: a French admin reads the whole sentence, the reason too, in French.
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "Chronopost est injoignable : la connexion a été coupée avant la fin de la réponse",
    );
    expect(await post("/ok")).toMatchObject({ Envelope: { Body: { ok: "1" } } });
  });

  it("say a carrier's own refusal quoted, in the reader's language", async () => {
    const tracker = createChronopostTracker({ url: url("/chronopost-refuses"), timeoutMs: 2_000 });
    const error = await tracker.track("XY123456789FR").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierRefusedError);
    expect((error as Error).message).toBe(
      "Chronopost refused tracking XY123456789FR: “Compte non autorisé pour ce service”",
    );
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "Chronopost a refusé le suivi du colis XY123456789FR : « Compte non autorisé pour ce service »",
    );
  });

  it("refuse a configured address that is not public https, without calling it", async () => {
    const before = calls;
    const error = await post("/ok", { urlPolicy: { allowLocal: false } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierRefusedError);
    expect((error as Error).message).toBe(
      "The Chronopost address cannot be used: The address must start with https://",
    );
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "L'adresse de Chronopost ne peut pas être utilisée : L'adresse doit commencer par https://",
    );
    expect(calls).toBe(before);
  });
});
