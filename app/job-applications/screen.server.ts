// The Mail screen's "Job applications" card: where applications are mailed, and the last ones
// received (only their time, position and status are kept).
import { db } from "../db.server";
import { jobApplicationRecipient, saveJobApplicationRecipient } from "./settings.server";

export interface JobApplicationsView {
  recipient: string | null;
  recent: { at: string; position: string; status: string; error: string | null }[];
}

export async function jobApplicationsScreen(shop: string): Promise<JobApplicationsView> {
  const [recipient, rows] = await Promise.all([
    jobApplicationRecipient(shop),
    db.jobApplication.findMany({
      where: { shop, status: { not: "discarded" } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { createdAt: true, position: true, status: true, error: true },
    }),
  ]);
  return {
    recipient,
    recent: rows.map((r) => ({
      at: r.createdAt.toISOString(),
      position: r.position,
      status: r.status,
      error: r.error,
    })),
  };
}

export { saveJobApplicationRecipient };
