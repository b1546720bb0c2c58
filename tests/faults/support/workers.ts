import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the worker printed, for the failure message. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

/** Starts `npm run worker` (scripts/worker.ts) as its own process against `databaseUrl`. */
export function startWorkerProcess(databaseUrl: string, dataDir: string): WorkerProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, STRATUM_DATA_DIR: dataDir, NODE_ENV: "production" };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "worker.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  if (child.pid === undefined) throw new Error("worker process did not start");
  return { child, pid: child.pid, output: () => output, kill: (signal) => child.kill(signal), exited };
}

export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => Promise.race([worker.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])));
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.kill("SIGKILL");
}

/** Polls `probe` until it returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
