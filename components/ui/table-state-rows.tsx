import { Skeleton } from "./skeleton";

/** The loading skeleton and the empty message that every data table shows in its body. */
export function TableStateRows({
  loading,
  empty,
  columnCount,
  emptyText,
  skeletonRows = 3,
}: {
  loading: boolean;
  empty: boolean;
  columnCount: number;
  emptyText: string;
  skeletonRows?: number;
}) {
  return (
    <>
      {loading &&
        Array.from({ length: skeletonRows }, (_, index) => (
          <tr key={`skeleton-${index}`}>
            <td colSpan={columnCount}>
              <Skeleton height={18} />
            </td>
          </tr>
        ))}
      {empty && (
        <tr>
          <td className="empty" colSpan={columnCount}>
            {emptyText}
          </td>
        </tr>
      )}
    </>
  );
}
