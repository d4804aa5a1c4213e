// Adds up the JSON reports of the vitest runs of `npm test` into one closing line, after the names
// of the tests that failed and of those that passed only on their second try (CI retries once:
// vitest.config.ts). CI keeps only the tail of the output, so the failures are named here, last.
import fs from "node:fs";

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const flaky: string[] = [];
const failures: string[] = [];
const firstLines = (message: string) => message.split("\n").slice(0, 3).join(" / ");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const run = file.replace(/^.*vitest-(.*)\.json$/, "$1");
  for (const result of report.testResults) {
    const name = result.name.replace(`${process.cwd()}/`, "");
    for (const test of result.assertionResults) {
      if (test.status === "passed" && test.failureMessages.length > 0)
        flaky.push(`${name} > ${test.fullName}: ${test.failureMessages[0]!.split("\n")[0]}`);
      if (test.status === "failed")
        failures.push(`[${run}] ${name} > ${test.fullName}: ${firstLines(test.failureMessages.at(-1) ?? "")}`);
    }
    // A file can fail outside its tests (an import, a hook, an unhandled error).
    if (result.status === "failed" && !result.assertionResults.some((test) => test.status === "failed"))
      failures.push(`[${run}] ${name}: ${firstLines(result.message ?? "failed outside its tests")}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (flaky.length > 0)
  console.log(`\npassed on the second try (${flaky.length}):\n${flaky.map((f) => `  ${f}`).join("\n")}`);
if (failures.length > 0) console.log(`\nfailed (${failures.length}):\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\nnpm test: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
