import { errorResponse, requireImporter } from "@/server/api";
import { saveUpload } from "@/server/ingest";

export const dynamic = "force-dynamic";

/**
 * POST the raw CSV bytes (not multipart) with `?name=<file name>`: the body streams straight to
 * the uploads folder under a size cap, never held in memory. Answers with the upload id to preview.
 */
export async function POST(request: Request): Promise<Response> {
  const auth = await requireImporter();
  if ("response" in auth) return auth.response;
  if (!request.body) return Response.json({ error: "The request has no file body" }, { status: 400 });
  try {
    const declared = Number(request.headers.get("content-length"));
    const meta = await saveUpload(request.body, {
      fileName: new URL(request.url).searchParams.get("name") ?? "upload.csv",
      uploadedBy: auth.user.email,
      declaredBytes: Number.isFinite(declared) ? declared : null,
    });
    return Response.json(meta, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
