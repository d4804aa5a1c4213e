// Chronopost tracking over SOAP: trackSkybillV2(language, skybillNumber) on TrackingServiceWS.
// A parcel is delivered when one of its events has code "D".
import { at, CarrierProtocolError, CarrierRefusedError, postXml, text, xmlEscape } from "../../lib/soap.server";
import { connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { said } from "../../i18n/stored-words";
import type { TrackingSource as CarrierTracker, ParcelTracking } from "../../capabilities/tracking-source";

export const CHRONOPOST_TRACKING_URL = "https://ws.chronopost.fr/tracking-cxf/TrackingServiceWS";
const NS = "http://cxf.tracking.soap.chronopost.fr/";

export function trackSkybillEnvelope(skybillNumber: string, language = "fr_FR"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cxf="${NS}">
  <soapenv:Header/>
  <soapenv:Body>
    <cxf:trackSkybillV2>
      <language>${xmlEscape(language)}</language>
      <skybillNumber>${xmlEscape(skybillNumber)}</skybillNumber>
    </cxf:trackSkybillV2>
  </soapenv:Body>
</soapenv:Envelope>`;
}

export function chronopostTrackingUrl(skybillNumber: string): string {
  return `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${encodeURIComponent(skybillNumber)}`;
}

/** Chronopost writes dates as ISO text, sometimes without zone (Paris time is close enough for display). */
const date = (value: unknown) => {
  const t = text(value);
  const d = t ? new Date(t) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

export function createChronopostTracker(options: { url?: string; timeoutMs?: number } = {}): CarrierTracker {
  const url = options.url ?? CHRONOPOST_TRACKING_URL;
  return {
    carrier: "Chronopost",
    async track(skybillNumber: string): Promise<ParcelTracking> {
      const answer = await postXml("Chronopost", url, trackSkybillEnvelope(skybillNumber), {
        contentType: "text/xml; charset=utf-8",
        headers: { SOAPAction: '""' },
        timeoutMs: options.timeoutMs,
        // An address from the shop's settings must be public https.
        urlPolicy: options.url ? connectorUrlPolicy() : undefined,
      });
      const result = at(answer, "Envelope", "Body", "trackSkybillV2Response", "return");
      if (!result || typeof result !== "object")
        throw new CarrierProtocolError("Chronopost answered without a trackSkybillV2 result");
      const errorCode = Number(text(at(result, "errorCode")) ?? 0);
      if (errorCode !== 0) {
        const message = text(at(result, "errorMessage")) ?? `error ${errorCode}`;
        // Chronopost answers an error code for an unknown skybill; anything else is a refusal.
        if (/inconnu|not found|introuvable/i.test(message))
          return { number: skybillNumber, state: "not_found", label: message, events: [] };
        throw new CarrierRefusedError(
          said("carrier.trackingRefused", { carrier: "Chronopost", parcel: skybillNumber, said: message }),
        );
      }
      const rawEvents = (at(result, "listEventInfoComp", "events") as unknown[] | undefined) ?? [];
      const events = rawEvents.map((e) => ({
        code: text(at(e, "code")) ?? "",
        label: text(at(e, "eventLabel")) ?? "",
        at: date(at(e, "eventDate")),
        place: text(at(e, "officeLabel")),
      }));
      const delivered = events.find((e) => e.code === "D");
      const latest = events.at(-1);
      return {
        number: skybillNumber,
        state: delivered ? "delivered" : events.length ? "in_transit" : "not_found",
        label: delivered?.label ?? latest?.label,
        deliveredAt: delivered?.at,
        events,
      };
    },
  };
}
