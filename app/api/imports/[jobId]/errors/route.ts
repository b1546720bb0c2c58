import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { requireImporter } from "@/server/api";
import { errorReportPath } from "@/server/ingest";

export const dynamic = "force-dynamic";

/** Every error of one import as CSV (cells already neutralised when the report was written). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  const auth = await requireImporter();
  if ("response" in auth) return auth.response;
  const parsed = z.uuid().safeParse((await params).jobId);
  if (!parsed.success) return Response.json({ error: "jobId must be a UUID" }, { status: 400 });
  const file = errorReportPath(parsed.data);
  if (!fs.existsSync(file)) return Response.json({ error: "This import has no error report" }, { status: 404 });
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-${parsed.data}-errors.csv"`,
    },
  });
}
