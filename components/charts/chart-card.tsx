import type { ReactNode } from "react";

export function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

export function ChartEmpty({ message }: { message: string }) {
  return <div className="chart-empty">{message}</div>;
}
