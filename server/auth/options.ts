import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit";
import { clientIp, limitSignIn } from "../ratelimit";
import { isRole } from "../../lib/shared/permissions";
import { resolveAuthSecret } from "./secret";
import { authenticate, LOCKOUT_MINUTES } from "./sign-in";

const ZCredentials = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) });

/** Error codes the login page turns into messages (next-auth passes the thrown message through). */
export const SIGN_IN_ERRORS = { invalid: "invalid", locked: "locked", disabled: "disabled", rateLimited: "rate_limited" } as const;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: resolveAuthSecret(env()),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZCredentials.safeParse(credentials);
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const { db } = await getDatabase();
          // Counted before the password is checked; the route turns "rate_limited:<s>" into 429 + Retry-After.
          const rate = await limitSignIn(db, { ip: clientIp(req?.headers ?? {}, env().STRATUM_TRUSTED_PROXIES), email: parsed.data.email });
          if (!rate.ok) {
            if (rate.firstRefusal) await recordAudit(db, { action: "auth.rate_limited", detail: { scope: rate.scope, max: rate.max, windowSeconds: rate.windowSeconds } });
            throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${rate.retryAfterSeconds}`);
          }
          const result = await authenticate(db, parsed.data.email, parsed.data.password);
          if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
          return { id: result.staff.id, email: result.staff.email, name: result.staff.name, role: result.staff.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "role" in user && isRole(user.role)) {
          token.role = user.role;
          token.staffId = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && isRole(token.role) && typeof token.staffId === "string") {
          session.user.id = token.staffId;
          session.user.role = token.role;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.staffId !== "string") return;
        const { db } = await getDatabase();
        await recordAudit(db, { actorId: token.staffId, actorEmail: token.email ?? null, action: "auth.sign_out" });
      },
    },
  };
  return cached;
}

export { LOCKOUT_MINUTES };
