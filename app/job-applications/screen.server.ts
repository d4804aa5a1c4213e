// The Mail screen's "Job applications" card: where applications are mailed, and the last ones
// received (only their time, position and status are kept).
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import { jobApplicationRecipient, saveJobApplicationRecipient } from "./settings.server";

export interface JobApplicationsView {
  recipient: string | null;
  recent: { at: string; position: string; status: string; error: string | null }[];
}

export async function jobApplicationsScreen(shop: string, locale: Locale = "en"): Promise<JobApplicationsView> {
  const [recipient, rows] = await Promise.all([
    jobApplicationRecipient(shop),
    db.jobApplication.findMany({
      where: { shop, status: { not: "discarded" } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { createdAt: true, position: true, status: true, error: true, errorWords: true },
    }),
  ]);
  return {
    recipient,
    recent: rows.map((r) => ({
      at: r.createdAt.toISOString(),
      position: r.position,
      status: r.status,
      // Why its mail failed, in the admin's language when it was said with words.
      error: r.error === null ? null : storedText(r.error, r.errorWords, locale),
    })),
  };
}

export { saveJobApplicationRecipient };
