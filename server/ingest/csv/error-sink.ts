import fs from "node:fs";
import { toSafeCsv, toSafeCsvRows } from "./neutralise";

export interface LineError {
  line: number;
  field: string;
  message: string;
}

export const ERRORS_SHOWN = 100;
export const ERROR_REPORT_HEADER = ["line", "field", "message"] as const;

/**
 * Keeps the first errors for the screen and streams every error to a CSV report on disk, so a
 * file with a million bad lines costs no more memory than one with ten.
 */
export class ErrorSink {
  readonly first: LineError[] = [];
  count = 0;
  private pending: LineError[] = [];
  private fd: number | undefined;

  constructor(private readonly reportPath?: string) {
    if (reportPath) {
      this.fd = fs.openSync(reportPath, "w");
      fs.writeSync(this.fd, toSafeCsv(ERROR_REPORT_HEADER, []));
    }
  }

  add(error: LineError): void {
    this.count++;
    if (this.first.length < ERRORS_SHOWN) this.first.push(error);
    if (this.fd !== undefined) {
      this.pending.push(error);
      if (this.pending.length >= 5_000) this.flush();
    }
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    fs.writeSync(this.fd, toSafeCsvRows(this.pending.map((e) => [e.line, e.field, e.message])));
    this.pending = [];
  }

  /** Writes what is buffered and closes the report; returns its path when there were errors. */
  close(): string | undefined {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (!this.reportPath) return undefined;
    if (this.count === 0) {
      fs.rmSync(this.reportPath, { force: true });
      return undefined;
    }
    return this.reportPath;
  }
}
