"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { ImportProgress } from "./import-progress";
import { MappingStep } from "./mapping-step";
import { RecentImports } from "./recent-imports";
import { UploadForm } from "./upload-form";
import type { UploadedFile } from "./types";

type Step = { name: "upload" } | { name: "map"; upload: UploadedFile } | { name: "run"; jobId: string };

/** Upload → preview and map → watch the job; the recent imports list stays below. */
export function ImportsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ name: "upload" });
  const refreshList = () => void queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
  return (
    <>
      {step.name === "upload" && <UploadForm onUploaded={(upload) => setStep({ name: "map", upload })} />}
      {step.name === "map" && (
        <MappingStep
          upload={step.upload}
          onCancel={() => setStep({ name: "upload" })}
          onStarted={(jobId) => {
            setStep({ name: "run", jobId });
            refreshList();
          }}
        />
      )}
      {step.name === "run" && (
        <ImportProgress
          jobId={step.jobId}
          onDone={() => {
            setStep({ name: "upload" });
            refreshList();
          }}
        />
      )}
      <RecentImports />
    </>
  );
}
