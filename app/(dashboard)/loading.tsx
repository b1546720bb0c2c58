import { Skeleton } from "@/components/ui/skeleton";

/** Shown while a dashboard page's server data loads; mirrors the Home layout roughly. */
export default function DashboardLoading() {
  return (
    <div className="page" aria-busy="true" data-testid="page-loading">
      <div>
        <Skeleton width={180} height={26} />
        <Skeleton width={280} height={14} style={{ marginTop: 8 }} />
      </div>
      <div className="kpi-grid">
        {Array.from({ length: 5 }, (_, index) => (
          <div className="card" key={index}>
            <Skeleton width="60%" height={13} />
            <Skeleton width="45%" height={28} style={{ marginTop: 10 }} />
          </div>
        ))}
      </div>
      <div className="card">
        <Skeleton width={240} height={16} />
        <Skeleton height={260} style={{ marginTop: 14 }} />
      </div>
    </div>
  );
}
