import { AsyncLocalStorage } from "node:async_hooks";

/*
 * Which lane a database call belongs to. Web requests are the default (foreground); the job
 * worker marks everything it runs as background, so on the embedded engine (one connection, one
 * statement at a time) a person's request goes ahead of the next chunk of a long job.
 */
const lane = new AsyncLocalStorage<"background">();

/** Runs `work` (and every call it makes, however deep) in the background lane. */
export function inBackgroundLane<T>(work: () => T): T {
  return lane.run("background", work);
}

export function isBackgroundLane(): boolean {
  return lane.getStore() === "background";
}
