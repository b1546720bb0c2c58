export function KpiCard({ label, value, hint, small, testId }: { label: string; value: string; hint?: string; small?: boolean; testId: string }) {
  return (
    <section className="card" data-testid={testId} aria-label={label}>
      <div className="kpi-label">{label}</div>
      <div className={small ? "kpi-value kpi-value-small" : "kpi-value"}>{value}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </section>
  );
}
