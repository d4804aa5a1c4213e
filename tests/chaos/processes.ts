// Every process a chaos run starts goes through one book: it counts starts and exits (the run must end
// with as many stopped as started), tells a kill we made from a crash, keeps each process's output in
// a log file and its last lines in memory, and kills whatever is left if the harness itself dies.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Managed {
  name: string;
  child: ChildProcess;
  pid: number;
  exited: Promise<Exit>;
  exit: Exit | null;
  /** True when we sent the signal that ended it (a kill is not a crash). */
  killedByUs: boolean;
  output(): string;
}

const TAIL = 16_000;

export class ProcessBook {
  started = 0;
  stopped = 0;
  private readonly all: Managed[] = [];
  private readonly killOnExit = () => {
    for (const m of this.alive()) {
      try {
        process.kill(m.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };

  constructor(
    private readonly logDir: string,
    private readonly onExit: (m: Managed, exit: Exit) => void = () => undefined,
  ) {
    fs.mkdirSync(logDir, { recursive: true });
    process.on("exit", this.killOnExit);
  }

  spawn(name: string, command: string, args: string[], options: SpawnOptions): Managed {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    this.started++;
    const log = fs.createWriteStream(path.join(this.logDir, `${name}.log`), { flags: "a" });
    log.write(`\n--- ${new Date().toISOString()} started pid ${child.pid}\n`);
    let tail = "";
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString()).slice(-TAIL);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const managed: Managed = {
      name,
      child,
      pid: child.pid,
      exit: null,
      killedByUs: false,
      output: () => tail,
      exited: new Promise<Exit>((resolve) => {
        child.once("exit", (code, signal) => {
          const exit = { code, signal };
          managed.exit = exit;
          this.stopped++;
          log.end(`--- ${new Date().toISOString()} exited code ${code} signal ${signal}\n`);
          this.onExit(managed, exit);
          resolve(exit);
        });
      }),
    };
    this.all.push(managed);
    return managed;
  }

  alive(): Managed[] {
    return this.all.filter((m) => m.exit === null);
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs` if it lingers). */
  async kill(m: Managed, signal: NodeJS.Signals = "SIGKILL", graceMs = 8_000): Promise<Exit> {
    if (m.exit) return m.exit;
    m.killedByUs = true;
    m.child.kill(signal);
    const timer = setTimeout(() => m.child.kill("SIGKILL"), graceMs);
    const exit = await m.exited;
    clearTimeout(timer);
    return exit;
  }

  /** SIGTERM to everything still running, SIGKILL to what is left after the grace. */
  async stopAll(graceMs = 8_000): Promise<void> {
    await Promise.all(this.alive().map((m) => this.kill(m, "SIGTERM", graceMs)));
    process.off("exit", this.killOnExit);
  }
}
