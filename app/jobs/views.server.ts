// Plain objects the screens and the JSON API show for a job run (no Prisma types leak out).
import type { Job } from "@passerelle/prisma-sqlite";
import { jobType } from "./registry.server";
import type { JobStatus, JobTrigger } from "./queue.server";

export interface JobSummary {
  id: string;
  shop: string;
  type: string;
  title: string;
  trigger: JobTrigger;
  status: JobStatus;
  attempt: number;
  maxAttempts: number;
  progress: { done: number; total: number | null; phase: string | null };
  counters: { seen: number; changed: number; skipped: number; failed: number };
  error: { message: string; cause: string | null } | null;
  cancelRequested: boolean;
  createdAt: string;
  runAfter: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds from start to finish of the last attempt, once finished. */
  durationSeconds: number | null;
}

export interface JobDetail extends JobSummary {
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  retryOfId: string | null;
  heartbeatAt: string | null;
  log: { level: string; message: string; at: string }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function jobSummary(job: Job): JobSummary {
  return {
    id: job.id,
    shop: job.shop,
    type: job.type,
    title: jobType(job.type)?.title ?? job.type,
    trigger: job.trigger as JobTrigger,
    status: job.status as JobStatus,
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    progress: { done: job.progressDone, total: job.progressTotal, phase: job.phase },
    counters: { seen: job.seenCount, changed: job.changedCount, skipped: job.skippedCount, failed: job.failedCount },
    // A queued job may carry the error of its last attempt (it is waiting to retry): still worth showing.
    error: job.errorMessage ? { message: job.errorMessage, cause: job.errorCause } : null,
    cancelRequested: job.cancelRequestedAt !== null,
    createdAt: job.createdAt.toISOString(),
    runAfter: job.runAfter.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    durationSeconds:
      job.startedAt && job.finishedAt
        ? Math.round((job.finishedAt.getTime() - job.startedAt.getTime()) / 100) / 10
        : null,
  };
}

export function jobDetail(job: Job, log: { level: string; message: string; at: Date }[]): JobDetail {
  return {
    ...jobSummary(job),
    params: JSON.parse(job.paramsJson) as Record<string, unknown>,
    result: job.resultJson ? (JSON.parse(job.resultJson) as Record<string, unknown>) : null,
    retryOfId: job.retryOfId,
    heartbeatAt: iso(job.heartbeatAt),
    log: log.map((l) => ({ level: l.level, message: l.message, at: l.at.toISOString() })),
  };
}
