"use client";

import { useState } from "react";
import { readError, type FieldErrors } from "./errors";

/** Server errors of a form: messages beside their fields, the rest above the form. */
export function useFormErrors(fallback: string) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    fieldErrors,
    formError,
    clear() {
      setFieldErrors({});
      setFormError(null);
    },
    show(error: unknown) {
      const readable = readError(error, fallback);
      setFieldErrors(readable.fields);
      setFormError(readable.formMessage);
    },
  };
}
