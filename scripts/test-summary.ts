// Adds up the JSON reports of the vitest runs of `npm test` into one closing line, after the names
// of the tests that passed only on their second try (CI retries once: vitest.config.ts).
import fs from "node:fs";

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const flaky: string[] = [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  for (const result of report.testResults)
    for (const test of result.assertionResults)
      if (test.status === "passed" && test.failureMessages.length > 0)
        flaky.push(
          `${result.name.replace(`${process.cwd()}/`, "")} > ${test.fullName}: ${test.failureMessages[0]!.split("\n")[0]}`,
        );
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (flaky.length > 0)
  console.log(`\npassed on the second try (${flaky.length}):\n${flaky.map((f) => `  ${f}`).join("\n")}`);
console.log(`\nnpm test: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
