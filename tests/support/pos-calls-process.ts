// Another app process calling one POS account, for the token race tests: `node <bundle>` with
// DATABASE_URL, POS_SHOP, POS_ACCOUNT_ID and CALLS. Builds the account's port from what is stored, as a
// worker does, prints "ready", waits for a line on stdin, then reads the account's locations CALLS times
// at once and prints "done <JSON of each call's outcome>" before it exits.
import { db } from "../../app/db.server";
import { pointOfSaleFor, posAccountRow } from "../../app/pos/accounts.server";

const row = await posAccountRow(process.env.POS_SHOP ?? "", process.env.POS_ACCOUNT_ID ?? "", db);
const pos = pointOfSaleFor(row, db, { timeoutMs: 15_000 });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const outcomes = await Promise.all(
  Array.from({ length: Number(process.env.CALLS ?? "3") }, () =>
    pos.locations().then(
      (locations) => ({ ok: true, locations: locations.length }),
      (error: unknown) => ({ ok: false, error: (error as Error).message }),
    ),
  ),
);
process.stdout.write(`done ${JSON.stringify(outcomes)}\n`);
await db.$disconnect();
process.exit(0);
