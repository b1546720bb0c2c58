"use client";

import { useI18n } from "@/lib/i18n/client";

export function QueryError({ message, onRetry }: { message?: string; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      {message || t.common.loadFailed}{" "}
      <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry}>
        {t.common.retry}
      </button>
    </div>
  );
}
