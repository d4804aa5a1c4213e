// A process that delivers the event feed's outbox, for the crash test: `node --import tsx <this file>`
// with DATABASE_URL, EVENT_FEED_CA_FILE and FEED_LEASE_MS. Prints "ready"; SIGKILL simulates a crash.
import { db } from "../../app/db.server";
import { startFeedDeliverer } from "../../app/event-feed/deliverer.server";

const deliverer = startFeedDeliverer({ db, leaseMs: Number(process.env.FEED_LEASE_MS ?? 60_000), pollMs: 50 });
process.stdout.write(`ready ${deliverer.owner}\n`);
