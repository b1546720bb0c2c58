export function ProgressBar({ value, label, testId = "import-progress" }: { value: number; label: string; testId?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid={testId}>
      <div style={{ background: "var(--surface-muted)", borderRadius: 6, height: 12, overflow: "hidden" }}>
        <div style={{ width: `${percent}%`, background: "var(--primary, #2563eb)", height: "100%", transition: "width 0.3s" }} />
      </div>
      <span className="cell-muted" data-testid={`${testId}-percent`}>
        {percent}%
      </span>
    </div>
  );
}
