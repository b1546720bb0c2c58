import { isBackgroundLane } from "./lanes";

export interface LaneStats {
  /** Calls run (a transaction counts once: it holds the engine from BEGIN to COMMIT). */
  calls: number;
  /** The longest time one call held the engine. */
  longestHoldMs: number;
  /** The longest time a call waited for its turn. */
  longestWaitMs: number;
}

export interface SchedulerStats {
  foreground: LaneStats;
  background: LaneStats;
}

interface Waiter {
  start: () => void;
  queuedAt: number;
}

function emptyStats(): LaneStats {
  return { calls: 0, longestHoldMs: 0, longestWaitMs: 0 };
}

/**
 * Serialises calls to a single-connection engine with two lanes. A foreground call (a person's
 * request) always goes next; a background call (a job) runs only once the foreground has been
 * quiet for `graceMs` — a page's queries come one after another, and the gap between two of
 * them must not let a job's chunk in — or once it has waited `maxBackgroundWaitMs`, so jobs
 * and their lease heartbeats still progress under constant traffic.
 */
export class LaneScheduler {
  private busy = false;
  private readonly foreground: Waiter[] = [];
  private readonly background: Waiter[] = [];
  private lastForegroundEnd = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private readonly stats: SchedulerStats = { foreground: emptyStats(), background: emptyStats() };

  constructor(
    private readonly options: {
      graceMs: number;
      maxBackgroundWaitMs: number;
      onLongHold?: (lane: "foreground" | "background", heldMs: number, label?: string) => void;
      longHoldMs?: number;
    },
  ) {}

  /** `label` names the call in a long-hold report; it is only evaluated when a hold is that long. */
  async run<T>(call: () => Promise<T>, background: boolean = isBackgroundLane(), label?: () => string): Promise<T> {
    // The engine answers in microtasks, so a job's statements would follow each other without the
    // event loop ever polling for new requests: a background call first waits one full turn.
    if (background) await new Promise<void>((resolve) => setImmediate(resolve));
    const queuedAt = performance.now();
    await new Promise<void>((start) => {
      (background ? this.background : this.foreground).push({ start, queuedAt });
      this.dispatch();
    });
    const started = performance.now();
    const laneName = background ? "background" : "foreground";
    const stats = this.stats[laneName];
    stats.calls++;
    stats.longestWaitMs = Math.max(stats.longestWaitMs, started - queuedAt);
    try {
      return await call();
    } finally {
      const ended = performance.now();
      const held = ended - started;
      stats.longestHoldMs = Math.max(stats.longestHoldMs, held);
      if (this.options.onLongHold && held >= (this.options.longHoldMs ?? 1000)) this.options.onLongHold(laneName, held, label?.());
      if (!background) this.lastForegroundEnd = ended;
      this.busy = false;
      this.dispatch();
    }
  }

  /** A copy of the counters since the last reset. */
  snapshot(): SchedulerStats {
    return { foreground: { ...this.stats.foreground }, background: { ...this.stats.background } };
  }

  resetStats(): void {
    this.stats.foreground = emptyStats();
    this.stats.background = emptyStats();
  }

  private dispatch(): void {
    if (this.busy) return;
    const waiting = this.background[0];
    const now = performance.now();
    const waited = waiting ? now - waiting.queuedAt : 0;
    const starved = waiting !== undefined && waited >= this.options.maxBackgroundWaitMs;
    const next = starved ? undefined : this.foreground.shift();
    if (next) return this.begin(next);
    if (!waiting) return;
    const quietFor = now - this.lastForegroundEnd;
    if (starved || quietFor >= this.options.graceMs) {
      this.background.shift();
      return this.begin(waiting);
    }
    if (this.timer) return;
    const delay = Math.max(1, Math.min(this.options.graceMs - quietFor, this.options.maxBackgroundWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dispatch();
    }, delay);
  }

  private begin(waiter: Waiter): void {
    this.busy = true;
    waiter.start();
  }
}
