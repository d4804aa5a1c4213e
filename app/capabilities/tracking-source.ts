// A carrier that can say where a parcel is (Chronopost, TNT).
export type ParcelState = "in_transit" | "delivered" | "exception" | "not_found";

export interface ParcelTracking {
  number: string;
  state: ParcelState;
  /** Carrier's words for the latest event. */
  label?: string;
  deliveredAt?: Date;
  events: { code: string; label: string; at?: Date; place?: string }[];
}

export interface TrackingSource {
  readonly carrier: string;
  track(trackingNumber: string): Promise<ParcelTracking>;
}
