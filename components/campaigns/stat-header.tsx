"use client";

/** A column header whose statistic is explained on hover (and to screen readers) in the reader's language. */
export function StatHeader({ label, help, testId }: { label: string; help: string; testId?: string }) {
  return (
    <th scope="col">
      <span className="stat-help" title={help} data-testid={testId}>
        {label}
        <span className="stat-help-mark" aria-hidden="true">
          ?
        </span>
        <span className="visually-hidden">{help}</span>
      </span>
    </th>
  );
}
