"use client";

import { useEffect, useId, useState } from "react";

interface SearchFieldProps {
  label: string;
  placeholder: string;
  onSearch(value: string): void;
  delayMs?: number;
  /** What the box shows first (e.g. a search kept in the URL). */
  initialValue?: string;
}

/** A search box that reports its value after typing pauses, so each keystroke is not a query. */
export function SearchField({ label, placeholder, onSearch, delayMs = 300, initialValue = "" }: SearchFieldProps) {
  const id = useId();
  const [value, setValue] = useState(initialValue);

  useEffect(() => {
    const timer = window.setTimeout(() => onSearch(value.trim()), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs, onSearch]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type="search" value={value} placeholder={placeholder} onChange={(event) => setValue(event.target.value)} />
    </div>
  );
}
