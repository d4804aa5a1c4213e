// TNT emulator, both protocols on one server:
// - TNT France SOAP at /service/tracking: trackingByConsignment with a WS-Security UsernameToken
//   (wrong credentials → SOAP fault), answering a Parcel whose dates fill in as the clock passes them;
// - ExpressConnect at /expressconnect/track.do: form field xml_in, HTTP Basic auth, SummaryCode
//   INT / DEL / CNF.
// On emulators/_kit: the control API under /_emulator (state, reset, faults, clock { advanceMs }) plus
// POST /_emulator/parcels { number, steps? }. See ../carriers/README.md.
import { XMLParser } from "fast-xml-parser";
import type { EmulatorClock, FaultInjector } from "../_kit/index";
import {
  readBody,
  send,
  startCarrierServer,
  xml,
  type CarrierEmulatorOptions,
  type ParcelBook,
  type ParcelStep,
} from "../carriers/parcels";

/** Codes are the France Parcel event fields; ExpressConnect reports the latest as its status. */
export const TNT_STEPS: ParcelStep[] = [
  { afterMs: 0, code: "requestDate", label: "Expédition enregistrée" },
  { afterMs: 2 * 3600_000, code: "processDate", label: "Colis pris en charge" },
  { afterMs: 12 * 3600_000, code: "arrivalDate", label: "Arrivé à l'agence de livraison" },
  { afterMs: 20 * 3600_000, code: "deliveryDepartureDate", label: "En cours de livraison" },
  { afterMs: 26 * 3600_000, code: "deliveryDate", label: "Colis livré" },
];

export interface TntEmulator {
  url: string;
  franceUrl: string;
  expressConnectUrl: string;
  parcels: ParcelBook;
  clock: EmulatorClock;
  faults: FaultInjector;
  calls: { protocol: "france" | "expressconnect"; number: string }[];
  close(): Promise<void>;
}

export interface TntEmulatorOptions extends CarrierEmulatorOptions {
  /** The account both protocols accept (default: passerelle / tnt-secret). */
  credentials?: { username: string; password: string };
}

/** The demo TNT account (what the demo stack saves in Settings → Orders). */
export const DEMO_CREDENTIALS = { username: "passerelle", password: "demo-tnt-password" };

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });
const SOAP = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

export async function startTntEmulator(options: TntEmulatorOptions = {}): Promise<TntEmulator> {
  const credentials = options.credentials ?? { username: "passerelle", password: "tnt-secret" };
  const calls: TntEmulator["calls"] = [];

  const { server, parcels, clock } = await startCarrierServer(options, TNT_STEPS, calls, async (req, res, path) => {
    const body = await readBody(req);
    if (req.method === "POST" && path === "/service/tracking") {
      let envelope: {
        Envelope?: {
          Header?: { Security?: { UsernameToken?: { Username?: unknown; Password?: unknown } } };
          Body?: { trackingByConsignment?: { parcelNumber?: unknown } };
        };
      };
      try {
        envelope = parser.parse(body);
      } catch {
        envelope = {};
      }
      const token = envelope.Envelope?.Header?.Security?.UsernameToken;
      if (
        String(token?.Username ?? "") !== credentials.username ||
        String(token?.Password ?? "") !== credentials.password
      ) {
        return send(
          res,
          500,
          "text/xml; charset=utf-8",
          SOAP(
            `<soap:Fault><faultcode>wsse:FailedAuthentication</faultcode><faultstring>The security token could not be authenticated or authorized</faultstring></soap:Fault>`,
          ),
        );
      }
      const number = String(envelope.Envelope?.Body?.trackingByConsignment?.parcelNumber ?? "");
      if (!number)
        return send(
          res,
          500,
          "text/xml; charset=utf-8",
          SOAP(
            `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>parcelNumber is required</faultstring></soap:Fault>`,
          ),
        );
      calls.push({ protocol: "france", number });
      const events = parcels.eventsOf(number);
      const parcel = parcels.get(number)
        ? `<Parcel><consignmentNumber>${xml(number)}</consignmentNumber><statusCode>${events.some((e) => e.code === "deliveryDate") ? "LIV" : "ENC"}</statusCode><shortStatus>${xml(events.at(-1)?.label ?? "")}</shortStatus><longStatus>${xml(events.at(-1)?.label ?? "")}</longStatus><primaryPODUrl></primaryPODUrl><events>${events
            .map((e) => `<${e.code}>${e.at.toISOString()}</${e.code}>`)
            .join("")}</events></Parcel>`
        : "";
      return send(
        res,
        200,
        "text/xml; charset=utf-8",
        SOAP(
          `<ns1:trackingByConsignmentResponse xmlns:ns1="http://www.tnt.fr/service/">${parcel}</ns1:trackingByConsignmentResponse>`,
        ),
      );
    }
    if (req.method === "POST" && path === "/expressconnect/track.do") {
      const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return send(res, 401, "text/plain", "Unauthorized");
      const xmlIn = new URLSearchParams(body).get("xml_in") ?? "";
      let number = "";
      try {
        number = String(
          (parser.parse(xmlIn) as { TrackRequest?: { SearchCriteria?: { ConsignmentNumber?: unknown } } }).TrackRequest
            ?.SearchCriteria?.ConsignmentNumber ?? "",
        );
      } catch {
        number = "";
      }
      calls.push({ protocol: "expressconnect", number });
      const events = parcels.eventsOf(number).reverse(); // ExpressConnect lists the latest first
      const summary = !parcels.get(number) ? "CNF" : events.some((e) => e.code === "deliveryDate") ? "DEL" : "INT";
      const pad = (n: number) => String(n).padStart(2, "0");
      const statusData = events
        .map((e) => {
          const d = e.at;
          return `<StatusData><StatusCode>${xml(e.code)}</StatusCode><StatusDescription>${xml(e.label)}</StatusDescription><LocalEventDate>${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}</LocalEventDate><LocalEventTime>${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}</LocalEventTime><Depot>LYS</Depot></StatusData>`;
        })
        .join("");
      return send(
        res,
        200,
        "text/xml; charset=utf-8",
        `<?xml version="1.0" encoding="UTF-8"?><TrackResponse><Consignment access="public"><ConsignmentNumber>${xml(number)}</ConsignmentNumber><SummaryCode>${summary}</SummaryCode>${statusData}</Consignment></TrackResponse>`,
      );
    }
    send(res, 404, "text/plain", "Not Found");
  });

  return {
    url: server.url,
    franceUrl: `${server.url}/service/tracking`,
    expressConnectUrl: `${server.url}/expressconnect/track.do`,
    parcels,
    clock,
    faults: server.faults,
    calls,
    close: server.close,
  };
}
