/**
 * `npm run bench -- training-load [--rows N]`
 * Latency of a cheap authenticated tRPC request (models.runs through the real router, staff row
 * looked up per request) served by a process that is also training: idle, while a k-means fit on
 * N synthetic rows × 16 features (default 1,000,000) runs in the training worker thread, and, as
 * the reference, while the same fit runs on the server's own event loop. Prints p50/p95 and the
 * ratio of each to idle.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const Flags = z.object({ rows: z.coerce.number().int().min(10_000).max(5_000_000).default(1_000_000) });

type Message = { type: "listening"; port: number; staffId: string } | { type: "training" } | { type: "trained"; seconds: number };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export default async function trainingLoad(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { rows: { type: "string" } } });
  const parsed = Flags.safeParse(values);
  if (!parsed.success) throw new Error(`bench training-load: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { rows } = parsed.data;
  const child = fork(path.join(__dirname, "support", "training-load-server.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waitFor = <T extends Message["type"]>(type: T) =>
    new Promise<Extract<Message, { type: T }>>((resolve) => {
      const onMessage = (message: Message) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message as Extract<Message, { type: T }>);
      };
      child.on("message", onMessage);
    });
  try {
    const { port, staffId } = await waitFor("listening");
    const url = `http://127.0.0.1:${port}/`;
    const request = async () => {
      const started = performance.now();
      const response = await fetch(url, { headers: { cookie: `session=${staffId}` } });
      if (!response.ok) throw new Error(`request failed: ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    for (let i = 0; i < 50; i++) await request(); // warm-up: JIT, first queries

    const idle: number[] = [];
    for (let i = 0; i < 300; i++) idle.push(await request());
    idle.sort((a, b) => a - b);
    const idleP50 = quantile(idle, 0.5);
    const idleP95 = quantile(idle, 0.95);
    console.log(`bench training-load-idle p50_ms=${idleP50.toFixed(2)} p95_ms=${idleP95.toFixed(2)} requests=${idle.length}`);

    for (const mode of ["thread", "inline"] as const) {
      const training = waitFor("training");
      const trained = waitFor("trained");
      child.send({ type: "train", mode, rows });
      await training;
      let done: { seconds: number } | null = null;
      void trained.then((m) => (done = m));
      const during: number[] = [];
      // Requests one after another, as a user clicking around would, for as long as the fit runs.
      while (!done) {
        during.push(await request());
        if (during.length > 100_000) break;
      }
      const fitSeconds = (await trained).seconds;
      during.sort((a, b) => a - b);
      const p50 = quantile(during, 0.5);
      const p95 = quantile(during, 0.95);
      console.log(
        `bench training-load-${mode} rows=${rows} fit_s=${fitSeconds.toFixed(2)} p50_ms=${p50.toFixed(2)} p95_ms=${p95.toFixed(2)} max_ms=${during[during.length - 1]!.toFixed(1)} requests=${during.length} p95_ratio_to_idle=${(p95 / idleP95).toFixed(2)}`,
      );
    }
  } finally {
    child.kill();
  }
}
