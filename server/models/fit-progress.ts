/** What a fit reports while it runs: the stage, its step of the total, and overall fraction done. */
export interface FitProgress {
  stage: string;
  step: number;
  steps: number;
  fraction: number;
}

export type ProgressSink = (progress: FitProgress) => void;

/** Evenly weighted steps across a fit, so the bar advances at a predictable pace. */
export function stepper(steps: number, sink: ProgressSink) {
  let step = 0;
  return (stage: string) => {
    step++;
    sink({ stage, step: Math.min(step, steps), steps, fraction: Math.min(1, (step - 1) / steps) });
  };
}
