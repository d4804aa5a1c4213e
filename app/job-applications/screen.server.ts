// The Mail screen's "Job applications" card: where applications are mailed, and the applications
// received (only their time, position and status are kept), newest first, paged by keyset with the
// total (app/lib/keyset.server.ts).
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import { mapPage, pageSize, timeKeysetPage, type Page, type PageRequest } from "../lib/keyset.server";
import { jobApplicationRecipient, saveJobApplicationRecipient } from "./settings.server";

const APPLICATIONS_PER_PAGE = 20;

export interface JobApplicationView {
  id: string;
  at: string;
  position: string;
  status: string;
  error: string | null;
}

export interface JobApplicationsView {
  recipient: string | null;
  applications: Page<JobApplicationView>;
}

interface ApplicationRow {
  id: string;
  createdAt: Date;
  position: string;
  status: string;
  error: string | null;
  errorWords: string | null;
}

export async function jobApplicationsScreen(
  shop: string,
  locale: Locale = "en",
  request: PageRequest = {},
): Promise<JobApplicationsView> {
  // Discarded applications (the form's trap for robots filled in) are not the merchant's.
  const where = { shop, status: { not: "discarded" } };
  const [recipient, page] = await Promise.all([
    jobApplicationRecipient(shop),
    timeKeysetPage<ApplicationRow>({
      column: "createdAt",
      order: "desc",
      request,
      limit: pageSize(request.limit, APPLICATIONS_PER_PAGE, 100),
      timeOf: (row) => row.createdAt,
      rows: ({ position, orderBy, take }) =>
        db.jobApplication.findMany({
          where: position ? { AND: [where, position] } : where,
          orderBy,
          take,
          select: { id: true, createdAt: true, position: true, status: true, error: true, errorWords: true },
        }),
      count: () => db.jobApplication.count({ where }),
    }),
  ]);
  return {
    recipient,
    applications: mapPage(page, (r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      position: r.position,
      status: r.status,
      // Why its mail failed, in the admin's language when it was said with words.
      error: r.error === null ? null : storedText(r.error, r.errorWords, locale),
    })),
  };
}

export { saveJobApplicationRecipient };
