// The job use-cases' dependencies as the routes use them: the app's database and the real clock.
import { db } from "../db.server";
import type { JobDeps } from "./api.server";

export const jobDeps: JobDeps = { db };
