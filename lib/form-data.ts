/** A text field of a submitted form; missing or file fields read as "". */
export function readText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
