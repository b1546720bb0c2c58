import { trpcRoute } from "@/server/api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The tRPC API; see server/api/http.ts for what is refused before a procedure runs. */
const handler = (req: Request) => trpcRoute(req);

export { handler as GET, handler as POST };
