// Hiboutik's daily request quota, counted in the database (PosQuota: one row per account and UTC day)
// before every call, so every process of the app shares it and a restart does not forget it. Reads may
// use the quota up to a reserve (5%, at least 6 requests); the reserve is for sales, so an online order
// never fails for lack of quota. From 80% used, reads slow down and say so.
import type { Db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors";
import { said } from "../../i18n/stored-words";
import { TransientError } from "../../lib/errors";

export type QuotaPurpose = "read" | "sale";

/** Share of the day's quota above which reads slow down. */
export const SLOW_DOWN_SHARE = 0.8;

export function salesReserve(limit: number): number {
  return Math.max(6, Math.ceil(limit * 0.05));
}

export class DailyQuota {
  readonly reserve: number;

  constructor(
    private readonly db: Db,
    private readonly shop: string,
    private readonly accountId: string,
    readonly limit: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reserve = salesReserve(limit);
  }

  day(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** Next 00:00 UTC, when Hiboutik's day (and ours) starts afresh. */
  resetsAt(): Date {
    const now = this.now();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  }

  /** The most requests of a day this purpose may reach. */
  cap(purpose: QuotaPurpose): number {
    return purpose === "sale" ? this.limit : this.limit - this.reserve;
  }

  /** Counts one request; false when this purpose's part of today's quota is used up. One UPDATE … WHERE used < cap, so two processes never both take the last one. */
  async take(purpose: QuotaPurpose): Promise<boolean> {
    const day = this.day();
    const cap = this.cap(purpose);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { count } = await this.db.posQuota.updateMany({
        where: { accountId: this.accountId, day, used: { lt: cap } },
        data: { used: { increment: 1 } },
      });
      if (count === 1) return true;
      const row = await this.db.posQuota.findUnique({ where: { accountId_day: { accountId: this.accountId, day } } });
      if (row && row.used >= cap) return false;
      if (row) continue; // made by another process between the two statements: count in it
      if (cap < 1) return false;
      try {
        await this.db.posQuota.create({ data: { accountId: this.accountId, day, shop: this.shop, used: 1 } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // another process made today's row first: count in it
      }
    }
    throw new TransientError(said("hiboutik.quotaNotCounted"));
  }

  async used(): Promise<number> {
    const row = await this.db.posQuota.findUnique({
      where: { accountId_day: { accountId: this.accountId, day: this.day() } },
    });
    return row?.used ?? 0;
  }

  /** Hiboutik said the day's quota is gone (other applications use it too): count it as used up. */
  async exhausted(): Promise<void> {
    const day = this.day();
    const where = { accountId_day: { accountId: this.accountId, day } };
    try {
      await this.db.posQuota.upsert({
        where,
        create: { accountId: this.accountId, day, shop: this.shop, used: this.limit },
        update: { used: this.limit },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.db.posQuota.update({ where, data: { used: this.limit } });
    }
  }
}
