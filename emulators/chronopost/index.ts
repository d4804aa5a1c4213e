// Chronopost emulator: a SOAP server for trackSkybillV2 at /tracking-cxf/TrackingServiceWS, with
// parcels moving through Chronopost's event codes (PC taken in charge, TS in transit, TA out for
// delivery, D delivered) as its clock advances. On emulators/_kit: the control API under /_emulator
// (state, reset, faults, clock) plus POST /_emulator/parcels { number, steps? }. See ../carriers/README.md.
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

export const CHRONOPOST_STEPS: ParcelStep[] = [
  { afterMs: 0, code: "PC", label: "Colis pris en charge par Chronopost", office: "Chilly-Mazarin" },
  { afterMs: 6 * 3600_000, code: "TS", label: "Colis en cours d'acheminement", office: "Plateforme Paris" },
  { afterMs: 20 * 3600_000, code: "TA", label: "Colis en cours de livraison", office: "Agence Lyon" },
  { afterMs: 24 * 3600_000, code: "D", label: "Colis livré", office: "Agence Lyon" },
];

export interface ChronopostEmulator {
  url: string;
  /** The service URL to give the app. */
  trackingUrl: string;
  parcels: ParcelBook;
  clock: EmulatorClock;
  faults: FaultInjector;
  calls: { skybillNumber: string }[];
  close(): Promise<void>;
}

export type ChronopostEmulatorOptions = CarrierEmulatorOptions;

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
const PATH = "/tracking-cxf/TrackingServiceWS";

export async function startChronopostEmulator(options: ChronopostEmulatorOptions = {}): Promise<ChronopostEmulator> {
  const calls: { skybillNumber: string }[] = [];
  const { server, parcels, clock } = await startCarrierServer(
    options,
    CHRONOPOST_STEPS,
    calls,
    async (req, res, path) => {
      if (req.method !== "POST" || path !== PATH) return send(res, 404, "text/plain", "Not Found");
      const body = await readBody(req);
      let request: { skybillNumber?: unknown; language?: unknown } | undefined;
      try {
        const parsed = parser.parse(body) as {
          Envelope?: { Body?: { trackSkybillV2?: { skybillNumber?: unknown; language?: unknown } } };
        };
        request = parsed.Envelope?.Body?.trackSkybillV2;
      } catch {
        request = undefined;
      }
      if (!request)
        return send(res, 500, "text/xml; charset=utf-8", fault("Unmarshalling Error: expected trackSkybillV2"));
      const skybillNumber = String(request.skybillNumber ?? "");
      calls.push({ skybillNumber });
      const known = parcels.get(skybillNumber);
      const events = parcels.eventsOf(skybillNumber);
      const result = known
        ? `<errorCode>0</errorCode><errorMessage></errorMessage><listEventInfoComp>${events
            .map(
              (e) =>
                `<events><code>${xml(e.code)}</code><eventDate>${e.at.toISOString()}</eventDate><eventLabel>${xml(e.label)}</eventLabel><highPriority>false</highPriority><NPC></NPC><officeLabel>${xml(e.office ?? "")}</officeLabel><zipCode></zipCode><infoCompList/></events>`,
            )
            .join("")}<skybillNumber>${xml(skybillNumber)}</skybillNumber></listEventInfoComp>`
        : `<errorCode>3</errorCode><errorMessage>Numéro de colis inconnu</errorMessage>`;
      send(
        res,
        200,
        "text/xml; charset=utf-8",
        `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns1:trackSkybillV2Response xmlns:ns1="http://cxf.tracking.soap.chronopost.fr/"><return>${result}</return></ns1:trackSkybillV2Response></soap:Body></soap:Envelope>`,
      );
    },
  );
  return {
    url: server.url,
    trackingUrl: `${server.url}${PATH}`,
    parcels,
    clock,
    faults: server.faults,
    calls,
    close: server.close,
  };
}

function fault(message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>${xml(message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
}
