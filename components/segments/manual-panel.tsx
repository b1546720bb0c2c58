"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { readError } from "@/lib/trpc/errors";
import { formatNumber } from "@/lib/format";

/** Splits pasted text or a CSV's first column into ids; a header cell named like an id column is dropped. */
export function splitIds(text: string, csv: boolean): string[] {
  const lines = text.split(/\r?\n/);
  const cells = csv ? lines.map((line) => (line.split(",")[0] ?? "").replace(/^"|"$/g, "")) : lines.flatMap((line) => line.split(/[,;\t]/));
  const ids = cells.map((cell) => cell.trim()).filter((cell) => cell.length > 0);
  return csv && ids[0] && /^(external_?id|id|customer)$/i.test(ids[0]) ? ids.slice(1) : ids;
}

export function ManualPanel({ onResolved }: { onResolved(customerIds: number[] | null): void }) {
  const { t, locale } = useI18n();
  const m = t.segments.manual;
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const resolve = useMutation(
    trpc.segments.resolveExternalIds.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        onResolved(result.customerIds);
      },
      onError: (e) => {
        onResolved(null);
        setError(readError(e, m.needResolve).message);
      },
    }),
  );
  const result = resolve.data;
  return (
    <div className="segments-stack">
      <div className="field">
        <label htmlFor="manual-ids">{m.paste}</label>
        <textarea
          id="manual-ids"
          className="input"
          rows={6}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onResolved(null);
            resolve.reset();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="manual-file">{m.file}</label>
        <input
          id="manual-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setText(splitIds(await file.text(), true).join("\n"));
            onResolved(null);
            resolve.reset();
          }}
        />
      </div>
      <div>
        <button type="button" className="btn btn-secondary" disabled={resolve.isPending || text.trim() === ""} onClick={() => resolve.mutate({ externalIds: splitIds(text, false) })} data-testid="manual-resolve">
          {m.resolve}
        </button>
      </div>
      {error && <p className="alert alert-error">{error}</p>}
      {result && (
        <div className="segments-stack" data-testid="manual-result">
          <p className="badge badge-success">{m.matched(formatNumber(locale, result.matched))}</p>
          {result.erasedCount > 0 && <p className="cell-muted">{m.erased(formatNumber(locale, result.erasedCount))}</p>}
          {result.unmatchedCount > 0 && (
            <details open>
              <summary className="badge badge-warning">{m.unmatched(formatNumber(locale, result.unmatchedCount))}</summary>
              <p className="mono segments-unmatched">{result.unmatched.join(", ")}</p>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
