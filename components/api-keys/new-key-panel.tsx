"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { CreatedApiKey } from "./types";

/** The one moment the full key exists outside the caller's hands: show it, offer a copy, warn. */
export function NewKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section className="card" aria-labelledby="new-api-key-title" data-testid="new-api-key">
      <h2 className="card-title" id="new-api-key-title">
        {t.apiKeys.reveal.title}
      </h2>
      <div className="alert alert-info" role="alert" style={{ marginBottom: 12 }}>
        {t.apiKeys.reveal.warning}
      </div>
      <p>
        <strong>{created.name}</strong> · <span className="mono">{created.source}</span>
      </p>
      <input
        className="input mono"
        readOnly
        value={created.key}
        aria-label={t.apiKeys.reveal.title}
        data-testid="new-api-key-value"
        onFocus={(event) => event.currentTarget.select()}
        style={{ width: "100%" }}
      />
      <p className="field-hint">{t.apiKeys.reveal.usage}</p>
      {copy === "failed" && (
        <div className="alert alert-error" role="alert">
          {t.apiKeys.reveal.copyFailed}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void onCopy()} data-testid="copy-api-key">
          {copy === "copied" ? t.apiKeys.reveal.copied : t.apiKeys.reveal.copy}
        </button>
        <button type="button" className="btn btn-primary" onClick={onDone}>
          {t.apiKeys.reveal.done}
        </button>
      </div>
    </section>
  );
}
