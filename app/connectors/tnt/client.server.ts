// TNT tracking, two protocols:
// - France domestic: SOAP on http://www.tnt.fr/service/ with a WS-Security UsernameToken header,
//   trackingByConsignment(parcelNumber) → Parcel { statusCode, shortStatus, longStatus, events { … deliveryDate } };
//   delivered when deliveryDate is set.
// - International ExpressConnect: POST track.do, form field xml_in=<TrackRequest…>, HTTP Basic auth →
//   TrackResponse/Consignment/SummaryCode DEL | INT | EXC | CNF.
import { connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { at, CarrierProtocolError, postXml, text, xmlEscape } from "../../lib/soap.server";
import type { TrackingSource as CarrierTracker, ParcelState, ParcelTracking } from "../../capabilities/tracking-source";

export const TNT_FRANCE_URL = "https://www.tnt.fr/service/tracking";
export const TNT_EXPRESS_CONNECT_URL = "https://express.tnt.com/expressconnect/track.do";

export interface TntCredentials {
  username: string;
  password: string;
}

export function trackingByConsignmentEnvelope(parcelNumber: string, credentials: TntCredentials): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ser="http://www.tnt.fr/service/">
  <soapenv:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soapenv:mustUnderstand="1">
      <wsse:UsernameToken>
        <wsse:Username>${xmlEscape(credentials.username)}</wsse:Username>
        <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${xmlEscape(credentials.password)}</wsse:Password>
      </wsse:UsernameToken>
    </wsse:Security>
  </soapenv:Header>
  <soapenv:Body>
    <ser:trackingByConsignment>
      <parcelNumber>${xmlEscape(parcelNumber)}</parcelNumber>
    </ser:trackingByConsignment>
  </soapenv:Body>
</soapenv:Envelope>`;
}

export function trackRequestXml(consignmentNumber: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><TrackRequest locale="en_US" version="3.1"><SearchCriteria marketType="INTERNATIONAL" originCountry="FR"><ConsignmentNumber>${xmlEscape(consignmentNumber)}</ConsignmentNumber></SearchCriteria><LevelOfDetail><Complete originAddress="false" destinationAddress="false" package="false" shipment="false"/></LevelOfDetail></TrackRequest>`;
}

export function tntTrackingUrl(consignmentNumber: string): string {
  return `https://www.tnt.com/express/fr_fr/site/outils-expedition/suivi.html?searchType=con&cons=${encodeURIComponent(consignmentNumber)}`;
}

const isoDate = (value: unknown) => {
  const t = text(value);
  const d = t ? new Date(t) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

/** TNT France (SOAP). */
export function createTntFranceTracker(options: {
  url?: string;
  credentials: TntCredentials;
  timeoutMs?: number;
}): CarrierTracker {
  return {
    carrier: "TNT",
    async track(parcelNumber: string): Promise<ParcelTracking> {
      const answer = await postXml(
        "TNT",
        options.url ?? TNT_FRANCE_URL,
        trackingByConsignmentEnvelope(parcelNumber, options.credentials),
        {
          contentType: "text/xml; charset=utf-8",
          headers: { SOAPAction: '""' },
          timeoutMs: options.timeoutMs,
          urlPolicy: options.url ? connectorUrlPolicy() : undefined,
        },
      );
      const response = at(answer, "Envelope", "Body", "trackingByConsignmentResponse");
      if (response === undefined) throw new CarrierProtocolError("TNT answered without a trackingByConsignment result");
      const parcel = (at(response, "Parcel") as unknown[] | undefined)?.[0];
      if (!parcel) return { number: parcelNumber, state: "not_found", events: [] };
      const e = at(parcel, "events");
      const ev = Array.isArray(e) ? e[0] : e;
      const steps: [string, string][] = [
        ["requestDate", "Request"],
        ["processDate", "Processed"],
        ["arrivalDate", "Arrived at depot"],
        ["deliveryDepartureDate", "Out for delivery"],
        ["deliveryDate", "Delivered"],
      ];
      const events = steps.flatMap(([field, label]) => {
        const when = isoDate(at(ev, field));
        return when ? [{ code: field, label, at: when }] : [];
      });
      const deliveredAt = isoDate(at(ev, "deliveryDate"));
      return {
        number: text(at(parcel, "consignmentNumber")) ?? parcelNumber,
        state: deliveredAt ? "delivered" : text(at(parcel, "statusCode")) === "EXC" ? "exception" : "in_transit",
        label: text(at(parcel, "longStatus")) ?? text(at(parcel, "shortStatus")),
        deliveredAt,
        events,
      };
    },
  };
}

const SUMMARY: Record<string, ParcelState> = {
  DEL: "delivered",
  INT: "in_transit",
  EXC: "exception",
  CNF: "not_found",
};

/** TNT ExpressConnect (XML over a form post). */
export function createTntExpressConnectTracker(options: {
  url?: string;
  credentials: TntCredentials;
  timeoutMs?: number;
}): CarrierTracker {
  return {
    carrier: "TNT",
    async track(consignmentNumber: string): Promise<ParcelTracking> {
      const basic = Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString("base64");
      const answer = await postXml(
        "TNT ExpressConnect",
        options.url ?? TNT_EXPRESS_CONNECT_URL,
        new URLSearchParams({ xml_in: trackRequestXml(consignmentNumber) }).toString(),
        {
          contentType: "application/x-www-form-urlencoded",
          headers: { authorization: `Basic ${basic}` },
          timeoutMs: options.timeoutMs,
          urlPolicy: options.url ? connectorUrlPolicy() : undefined,
        },
      );
      const consignment = (at(answer, "TrackResponse", "Consignment") as unknown[] | undefined)?.[0];
      if (!consignment) throw new CarrierProtocolError("TNT ExpressConnect answered without a Consignment");
      const code = text(at(consignment, "SummaryCode")) ?? "CNF";
      const events = ((at(consignment, "StatusData") as unknown[] | undefined) ?? []).map((s) => {
        const d = text(at(s, "LocalEventDate"));
        const t = text(at(s, "LocalEventTime")) ?? "0000";
        return {
          code: text(at(s, "StatusCode")) ?? "",
          label: text(at(s, "StatusDescription")) ?? "",
          at: d
            ? new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:00Z`)
            : undefined,
          place: text(at(s, "Depot")),
        };
      });
      const state = SUMMARY[code] ?? "in_transit";
      return {
        number: consignmentNumber,
        state,
        label: events[0]?.label,
        deliveredAt: state === "delivered" ? events[0]?.at : undefined,
        events,
      };
    },
  };
}
