"use client";

import { useI18n } from "@/lib/i18n/client";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange(page: number): void;
}

export function Pagination({ page, pageSize, total, onPageChange }: PaginationProps) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t.common.page(page, pages)}>
      <span>{t.common.total(total)}</span>
      <div className="pagination-controls">
        <button type="button" className="btn btn-secondary btn-sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          {t.common.previous}
        </button>
        <span data-testid="page-indicator">{t.common.page(page, pages)}</span>
        <button type="button" className="btn btn-secondary btn-sm" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
          {t.common.next}
        </button>
      </div>
    </nav>
  );
}
