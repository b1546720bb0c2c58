"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Animations stay off under automation (navigator.webdriver) so screenshots and assertions see
 * the final chart, and off during server rendering so the first client render matches.
 */
export function useChartAnimation(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => !navigator.webdriver,
    () => false,
  );
}
