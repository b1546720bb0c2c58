import { describe, expect, it } from "vitest";
import { LaneScheduler } from "../../server/db/lane-scheduler";
import { inBackgroundLane } from "../../server/db";

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("the embedded engine's lane scheduler", () => {
  it("runs one call at a time and lets a waiting foreground call go before queued background calls", async () => {
    const scheduler = new LaneScheduler({ graceMs: 5, maxBackgroundWaitMs: 10_000 });
    const order: string[] = [];
    let inside = 0;
    const call = (name: string, ms: number) => async () => {
      inside++;
      expect(inside).toBe(1);
      await pause(ms);
      order.push(name);
      inside--;
    };
    const first = scheduler.run(call("job-1", 30), true);
    const queuedJobs = [scheduler.run(call("job-2", 5), true), scheduler.run(call("job-3", 5), true)];
    await pause(5);
    const request = scheduler.run(call("request", 5), false);
    await Promise.all([first, request, ...queuedJobs]);
    expect(order).toEqual(["job-1", "request", "job-2", "job-3"]);
  });

  it("keeps a job out while a page's queries follow each other within the grace period", async () => {
    const scheduler = new LaneScheduler({ graceMs: 40, maxBackgroundWaitMs: 10_000 });
    const order: string[] = [];
    const page = (async () => {
      for (const query of ["q1", "q2", "q3"]) {
        await scheduler.run(async () => void order.push(query), false);
        await pause(5);
      }
    })();
    await pause(1);
    const job = scheduler.run(async () => void order.push("job"), true);
    await Promise.all([page, job]);
    expect(order).toEqual(["q1", "q2", "q3", "job"]);
  });

  it("lets a starved background call through after its maximum wait, and counts holds and waits per lane", async () => {
    const scheduler = new LaneScheduler({ graceMs: 1_000, maxBackgroundWaitMs: 30 });
    let stop = false;
    const traffic = (async () => {
      while (!stop) await scheduler.run(() => pause(2), false);
    })();
    const started = performance.now();
    await scheduler.run(async () => undefined, true);
    const waited = performance.now() - started;
    stop = true;
    await traffic;
    expect(waited).toBeGreaterThanOrEqual(25);
    const stats = scheduler.snapshot();
    expect(stats.background.calls).toBe(1);
    expect(stats.background.longestWaitMs).toBeGreaterThanOrEqual(25);
    expect(stats.foreground.calls).toBeGreaterThan(3);
  });

  it("takes the lane from the async context: work started in the background lane stays there", async () => {
    const scheduler = new LaneScheduler({ graceMs: 0, maxBackgroundWaitMs: 10_000 });
    await inBackgroundLane(async () => {
      await pause(1);
      await scheduler.run(async () => undefined);
    });
    await scheduler.run(async () => undefined);
    const stats = scheduler.snapshot();
    expect(stats.background.calls).toBe(1);
    expect(stats.foreground.calls).toBe(1);
  });
});
