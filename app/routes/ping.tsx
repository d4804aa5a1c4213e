import { checkHealth, healthResponse } from "../health/health.server";
import { methodNotAllowed } from "../lib/request-body.server";

// GET (and HEAD) /ping — health for monitors, without authentication: version, database, queues,
// connected systems' last success; 200 when healthy, 503 otherwise (app/health/health.server.ts).
export const loader = async () => healthResponse(await checkHealth());

export const action = () => methodNotAllowed("GET, HEAD");
