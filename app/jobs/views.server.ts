// Plain objects the screens and the JSON API show for a job run (no Prisma types leak out).
import type { Job } from "@passerelle/prisma-sqlite";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
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
  /** seen = changed + unchanged + skipped + failed. */
  counters: { seen: number; changed: number; unchanged: number; skipped: number; failed: number };
  /** Succeeded, but some items failed (rows the source sent that could not be read…): "Succeeded with problems". */
  withProblems: boolean;
  /** When a run waiting to retry (queued after a failed attempt) tries again. */
  nextRetryAt: string | null;
  error: { message: string; cause: string | null } | null;
  cancelRequested: boolean;
  createdAt: string;
  runAfter: string;
  startedAt: string | null;
  /** When the first attempt started (startedAt is the last attempt's). */
  firstStartedAt: string | null;
  finishedAt: string | null;
  /** Wall-clock seconds from the start of the first attempt to the end, once finished. */
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

/** A run as screens show it; its stored failure and phase in the reader's language (English for the JSON API). */
export function jobSummary(job: Job, locale: Locale = "en"): JobSummary {
  const started = job.firstStartedAt ?? job.startedAt;
  const unchanged = Math.max(0, job.seenCount - job.changedCount - job.skippedCount - job.failedCount);
  return {
    id: job.id,
    shop: job.shop,
    type: job.type,
    title: jobType(job.type)?.title ?? job.type,
    trigger: job.trigger as JobTrigger,
    status: job.status as JobStatus,
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    progress: {
      done: job.progressDone,
      total: job.progressTotal,
      phase: job.phase === null ? null : storedText(job.phase, job.phaseWords, locale),
    },
    counters: {
      seen: job.changedCount + unchanged + job.skippedCount + job.failedCount,
      changed: job.changedCount,
      unchanged,
      skipped: job.skippedCount,
      failed: job.failedCount,
    },
    withProblems: job.status === "succeeded" && job.failedCount > 0,
    nextRetryAt: job.status === "queued" && job.attempt > 0 ? job.runAfter.toISOString() : null,
    // A queued job may carry the error of its last attempt (it is waiting to retry): still worth showing.
    error: job.errorMessage
      ? { message: storedText(job.errorMessage, job.errorWords, locale), cause: job.errorCause }
      : null,
    cancelRequested: job.cancelRequestedAt !== null,
    createdAt: job.createdAt.toISOString(),
    runAfter: job.runAfter.toISOString(),
    startedAt: iso(job.startedAt),
    firstStartedAt: iso(started),
    finishedAt: iso(job.finishedAt),
    durationSeconds:
      started && job.finishedAt ? Math.round((job.finishedAt.getTime() - started.getTime()) / 100) / 10 : null,
  };
}

export function jobDetail(
  job: Job,
  log: { level: string; message: string; words?: string | null; at: Date }[],
  locale: Locale = "en",
): JobDetail {
  return {
    ...jobSummary(job, locale),
    params: JSON.parse(job.paramsJson) as Record<string, unknown>,
    result: job.resultJson ? (JSON.parse(job.resultJson) as Record<string, unknown>) : null,
    retryOfId: job.retryOfId,
    heartbeatAt: iso(job.heartbeatAt),
    log: log.map((l) => ({ level: l.level, message: storedText(l.message, l.words, locale), at: l.at.toISOString() })),
  };
}
