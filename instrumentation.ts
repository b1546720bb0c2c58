/** Next.js start-up hook: runs the job worker inside the web server unless STRATUM_WORKER=0. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./server/env");
  if (!env().STRATUM_WORKER) return;
  const { startAppWorker } = await import("./server/worker");
  await startAppWorker();
}
