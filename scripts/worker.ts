// npm run worker:dev — the worker-only process from source (app/worker.server.ts); `npm run worker`
// runs the same module from the bundle `npm run build:worker` makes.
import "../app/worker.server";
