import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth";
import { bodyTooLargeMessage, signInRateLimitAnswer, withCappedBody } from "@/server/api";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, context: RouteContext) {
  // next-auth reads the whole body itself; an anonymous caller must not choose how much.
  const capped = await withCappedBody(req);
  if (capped === "too_large") return Response.json({ error: bodyTooLargeMessage() }, { status: 413 });
  const request = capped === req ? req : new NextRequest(capped);
  const response: Response = await NextAuth(request as never, context as never, authOptions());
  return (await signInRateLimitAnswer(response)) ?? response;
}

export { handler as GET, handler as POST };
