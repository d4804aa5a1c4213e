// axe-core (the accessibility engine) run in a frame of the merchant's page: the serious and critical
// violations of WCAG 2.1 A and AA rules plus axe's best practices, each naming its rule, impact and
// elements, so a failure says what to fix.
import { createRequire } from "node:module";
import type { Frame } from "playwright-core";

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

export async function blockingAxeViolations(frame: Frame): Promise<string[]> {
  await frame.addScriptTag({ path: axeSource });
  const violations = (await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
