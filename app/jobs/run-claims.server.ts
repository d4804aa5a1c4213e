// Claims that other records hold on behalf of a job run (e.g. an order being exported). A run's token
// names the job and its attempt; once that attempt has ended or lost its lease, whatever it held can
// be taken over at once instead of waiting for a time-to-live.
import type { Db } from "../db.server";

export const runClaimToken = (run: { jobId: string; attempt: number }) => `job:${run.jobId}#${run.attempt}`;

/** True when the run named by `token` is surely over: its job ended, moved to another attempt or lost its lease. */
export async function claimHolderGone(db: Db, token: string, now: Date): Promise<boolean> {
  const match = /^job:(.+)#(\d+)$/.exec(token);
  if (!match) return false; // not a job run's claim: only its time-to-live frees it
  const job = await db.job.findUnique({
    where: { id: match[1] },
    select: { status: true, attempt: true, leaseExpiresAt: true },
  });
  if (!job) return true;
  const live =
    job.status === "running" &&
    job.attempt === Number(match[2]) &&
    job.leaseExpiresAt !== null &&
    job.leaseExpiresAt.getTime() > now.getTime();
  return !live;
}
