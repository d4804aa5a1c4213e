// Importing this module registers every job type this build can run. Later issues add their
// syncs here (one import per file that calls registerJobType).
import "./retention.server";
import "../sync/orders/jobs.server";
import "../sync/stock-jobs.server";
