"use client";

import { useEffect, useState } from "react";

/** The value as it was `delayMs` after it last changed: the live count waits for typing to pause. */
export function useDebounced<T>(value: T, delayMs = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
