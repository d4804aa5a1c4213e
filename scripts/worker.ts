// npm run worker — a process that only runs background jobs (scheduler + worker), for deployments
// where web processes set BACKGROUND_JOBS=off. Same configuration as the app.
import { startBackgroundWork } from "../app/jobs/runtime.server";

startBackgroundWork({ force: true });
