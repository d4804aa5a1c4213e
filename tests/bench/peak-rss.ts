// The peak RSS of a benchmark's app process during one run: the kernel's high-water mark (VmHWM), reset
// before the run (/proc/self/clear_refs), so it is exact rather than sampled; sampled every 10 ms where
// the kernel does not allow the reset.
import fs from "node:fs";

const vmHwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;

function resetHighWaterMark(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` and answers its wall time, its result, and this process's RSS at the start and at its peak. */
export async function measured<T>(
  work: () => Promise<T>,
): Promise<{ seconds: number; startRss: number; peakRss: number; result: T }> {
  const exact = resetHighWaterMark();
  const startRss = process.memoryUsage().rss;
  let sampled = startRss;
  const sampler = exact ? undefined : setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const result = await work();
    return { seconds: (performance.now() - started) / 1000, startRss, peakRss: exact ? vmHwm() : sampled, result };
  } finally {
    clearInterval(sampler);
  }
}
