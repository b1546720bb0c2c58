/**
 * The scikit-learn side of `bench ml`: makes sure Debian's python3-sklearn is installed, writes the
 * design matrix, labels, folds and starting centres to a temp directory as raw little-endian
 * arrays, and runs bench/ml/reference.py on them. Both sides therefore see identical X, y and folds.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Matrix } from "../../server/ml/matrix";

const SCRIPT = path.join(__dirname, "reference.py");

/**
 * apt installs into the system interpreter, which a pyenv or venv `python3` on PATH may shadow,
 * so the first candidate that can import scikit-learn wins.
 */
const CANDIDATES = [process.env.BENCH_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => Boolean(c));
let python: string | null = null;

function findSklearnPython(): string | null {
  for (const candidate of CANDIDATES) {
    if (spawnSync(candidate, ["-c", "import sklearn, numpy"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

function hasSklearn(): boolean {
  python = findSklearnPython();
  return python !== null;
}

/** Installs python3-sklearn from apt when missing (PyPI is not reachable from the bench machines). */
export function ensureSklearn(): void {
  if (hasSklearn()) return;
  console.error("bench ml: scikit-learn not found; running `apt-get install -y python3-sklearn python3-pandas` (Debian packages) ...");
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const command = asRoot ? "apt-get" : "sudo";
  const args = asRoot ? ["install", "-y", "python3-sklearn", "python3-pandas"] : ["-n", "apt-get", "install", "-y", "python3-sklearn", "python3-pandas"];
  let result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    // A fresh container may have empty package lists.
    spawnSync(asRoot ? "apt-get" : "sudo", asRoot ? ["update"] : ["-n", "apt-get", "update"], { stdio: ["ignore", "ignore", "inherit"] });
    result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  if (!hasSklearn()) {
    throw new Error("bench ml: scikit-learn is still missing; install it with `apt-get install -y python3-sklearn python3-pandas` (needs root)");
  }
}

/** A temp directory holding the shared arrays; remove() when done. */
export class SharedData {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-bench-ml-"));

  private write(name: string, array: Float64Array | Int32Array): string {
    const file = path.join(this.dir, name);
    // Raw little-endian bytes; numpy.fromfile reads them without parsing.
    fs.writeFileSync(file, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return file;
  }

  matrix(name: string, X: Matrix): { file: string; rows: number; cols: number } {
    return { file: this.write(`${name}.f64`, X.data), rows: X.rows, cols: X.cols };
  }

  vector(name: string, v: Float64Array | Int32Array): string {
    return this.write(`${name}.${v instanceof Int32Array ? "i32" : "f64"}`, v);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const ReferenceResultSchema = z.object({
  peak_mb: z.number(),
  threads: z.number(),
  sklearn_version: z.string(),
  results: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number())]))),
});
export type ReferenceResult = z.infer<typeof ReferenceResultSchema>;

/** Runs reference.py on a job description; scikit-learn is limited to `threads` threads. */
export function runReference(shared: SharedData, job: Record<string, unknown>, threads = 2): ReferenceResult {
  const jobFile = path.join(shared.dir, "job.json");
  fs.writeFileSync(jobFile, JSON.stringify({ ...job, threads }));
  const threadEnv = String(threads);
  if (python === null) ensureSklearn();
  const child = spawnSync(python!, [SCRIPT, jobFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, OMP_NUM_THREADS: threadEnv, OPENBLAS_NUM_THREADS: threadEnv, MKL_NUM_THREADS: threadEnv },
  });
  if (child.status !== 0) throw new Error(`bench ml: reference.py exited with ${child.status ?? child.signal}`);
  const last = child.stdout.trim().split("\n").pop() ?? "";
  return ReferenceResultSchema.parse(JSON.parse(last));
}

/** A numeric field of one reference result, or NaN. */
export function field(result: ReferenceResult, name: string, key: string): number {
  const v = result.results[name]?.[key];
  return typeof v === "number" ? v : NaN;
}
