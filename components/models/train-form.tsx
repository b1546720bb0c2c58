"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { FormField } from "@/components/ui/form-field";
import { useToast } from "@/components/ui/toast";
import { CAP_OUTLIER_SETTINGS, CLASSIFIER_ALGORITHMS, ZTrainRequest } from "@/lib/shared/models.schemas";
import type { ModelTaskName } from "./types";

type Field = { name: string; kind: "number" | "algorithm" | "boolean" | "cap"; initial: string; step?: string; algorithms?: string[] };

/** Winsorising of the numeric features before training (the server's default is the 99th percentile). */
const CAP_FIELD: Field = { name: "capOutliers", kind: "cap", initial: "99" };

const CLASSIFIER_FIELDS: Field[] = [
  { name: "algorithm", kind: "algorithm", initial: "gbt" },
  { name: "labelWindowDays", kind: "number", initial: "30" },
  { name: "folds", kind: "number", initial: "5" },
  { name: "classBalance", kind: "boolean", initial: "true" },
  { name: "l2", kind: "number", initial: "1", step: "any", algorithms: ["logistic", "mlp"] },
  { name: "maxDepth", kind: "number", initial: "4", algorithms: ["tree", "forest", "gbt"] },
  { name: "trees", kind: "number", initial: "100", algorithms: ["forest", "gbt"] },
  { name: "learningRate", kind: "number", initial: "0.1", step: "any", algorithms: ["gbt", "mlp"] },
  { name: "minSamplesLeaf", kind: "number", initial: "20", algorithms: ["tree", "forest", "gbt"] },
  { name: "hidden", kind: "number", initial: "16", algorithms: ["mlp"] },
  { name: "epochs", kind: "number", initial: "200", algorithms: ["mlp"] },
  CAP_FIELD,
];

const FIELDS: Record<ModelTaskName, Field[]> = {
  clusters: [
    { name: "kMin", kind: "number", initial: "3" },
    { name: "kMax", kind: "number", initial: "10" },
    { name: "restarts", kind: "number", initial: "4" },
    { name: "silhouetteSample", kind: "number", initial: "2000" },
    { name: "seed", kind: "number", initial: "7" },
    CAP_FIELD,
  ],
  hierarchy: [
    { name: "leaves", kind: "number", initial: "40" },
    { name: "seed", kind: "number", initial: "7" },
    CAP_FIELD,
  ],
  baskets: [
    { name: "minSupport", kind: "number", initial: "0.01", step: "any" },
    { name: "minConfidence", kind: "number", initial: "0.2", step: "any" },
    { name: "maxLength", kind: "number", initial: "3" },
  ],
  propensity: CLASSIFIER_FIELDS,
  churn: CLASSIFIER_FIELDS,
};

/** The retrain form: one field per parameter of the task; the server validates and names bad fields. */
export function TrainForm({ task, onQueued }: { task: ModelTaskName; onQueued(runId: string): void }) {
  const { t } = useI18n();
  const m = t.models;
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors(t.common.loadFailed);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS[task].map((f) => [f.name, f.initial])));
  const algorithm = values.algorithm ?? "gbt";
  const train = useMutation(
    trpc.models.train.mutationOptions({
      onSuccess: (data) => {
        toast.success(data.deduped ? m.retrainDeduped(data.version) : m.retrainQueued(data.version));
        onQueued(data.runId);
      },
      onError: (error) => errors.show(error),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const params: Record<string, unknown> = {};
    for (const field of FIELDS[task]) {
      const raw = values[field.name] ?? "";
      params[field.name] = field.kind === "boolean" ? raw === "true" : field.kind === "algorithm" || field.kind === "cap" ? raw : raw.trim() === "" ? undefined : raw;
    }
    // The same zod schema as the server, so each message lands beside its own field.
    const parsed = ZTrainRequest.safeParse({ task, params });
    if (!parsed.success) {
      const local: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[1] ?? issue.path[0] ?? "");
        local[name] ??= issue.message;
      }
      setLocalErrors(local);
      return;
    }
    setLocalErrors({});
    train.mutate(parsed.data);
  };
  const fieldError = (name: string) => localErrors[name] ?? errors.fieldErrors[name];
  return (
    <form className="card models-form" onSubmit={submit} noValidate data-testid="train-form">
      <h2 className="card-title">{m.retrainTitle(m.tasks[task])}</h2>
      {(errors.formError ?? errors.fieldErrors.params) && <p className="field-error">{errors.formError ?? errors.fieldErrors.params}</p>}
      <div className="form-grid">
        {FIELDS[task]
          .filter((f) => !f.algorithms || f.algorithms.includes(algorithm))
          .map((field) => (
            <FormField
              key={field.name}
              id={`param-${field.name}`}
              label={m.params[field.name as keyof typeof m.params]}
              hint={field.kind === "cap" ? m.capHint : undefined}
              error={fieldError(field.name)}
            >
              {(control) =>
                field.kind === "algorithm" ? (
                  <select {...control} value={values[field.name]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                    {CLASSIFIER_ALGORITHMS.map((a) => (
                      <option key={a} value={a}>
                        {m.algorithms[a]}
                      </option>
                    ))}
                  </select>
                ) : field.kind === "cap" ? (
                  <select {...control} value={values[field.name]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                    {CAP_OUTLIER_SETTINGS.map((setting) => (
                      <option key={setting} value={setting}>
                        {m.capOptions[setting]}
                      </option>
                    ))}
                  </select>
                ) : field.kind === "boolean" ? (
                  <select {...control} value={values[field.name]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                    <option value="true">✓</option>
                    <option value="false">✗</option>
                  </select>
                ) : (
                  <input {...control} type="number" step={field.step ?? "1"} value={values[field.name]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
                )
              }
            </FormField>
          ))}
      </div>
      <button type="submit" className="btn btn-primary" disabled={train.isPending} data-testid="train-submit">
        {m.submit}
      </button>
    </form>
  );
}
