import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase, type Database } from "../db";
import { env, type Env } from "../env";
import { recordAudit } from "../audit";
import { clientIp, limitSignIn } from "../ratelimit";
import { isRole } from "../../lib/shared/permissions";
import { secureCookies } from "./cookies";
import { resolveAuthSecret } from "./secret";
import { endStaffSessions } from "./sessions.service";
import { authenticate, LOCKOUT_MINUTES } from "./sign-in";

const ZCredentials = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(200),
  // An authenticator code or a recovery code, for accounts with two-factor sign-in on; "" = none.
  code: z.string().max(64).optional().transform((value) => (value?.trim() ? value.trim() : undefined)),
});

/**
 * Error codes the login page turns into messages (next-auth passes the thrown message through).
 * There is no "locked": a locked account answers "invalid" like every other failure.
 * "2fa_required": the password was right and the account needs a code (the form then asks for one).
 */
export const SIGN_IN_ERRORS = { invalid: "invalid", disabled: "disabled", "2fa_required": "2fa_required", rateLimited: "rate_limited" } as const;

/**
 * The next-auth configuration for a given environment and database (tests pass their own; the app
 * uses `authOptions()`).
 */
export function buildAuthOptions(config: Env, database: () => Promise<Pick<Database, "db">> = getDatabase): NextAuthOptions {
  return {
    secret: resolveAuthSecret(config),
    // Secure, __Secure-/__Host- prefixed cookies behind TLS (server/auth/cookies.ts).
    useSecureCookies: secureCookies(config),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authenticator or recovery code", type: "text" },
        },
        async authorize(credentials, req) {
          const parsed = ZCredentials.safeParse(credentials);
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const { db } = await database();
          // Counted before the password is checked; the route turns "rate_limited:<s>" into 429 + Retry-After.
          const rate = await limitSignIn(db, { ip: clientIp(req?.headers ?? {}, config.STRATUM_TRUSTED_PROXIES), email: parsed.data.email });
          if (!rate.ok) {
            if (rate.firstRefusal) await recordAudit(db, { action: "auth.rate_limited", detail: { scope: rate.scope, max: rate.max, windowSeconds: rate.windowSeconds } });
            throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${rate.retryAfterSeconds}`);
          }
          const result = await authenticate(db, parsed.data.email, parsed.data.password, new Date(), parsed.data.code);
          if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
          const { id, email, name, role, sessionVersion } = result.staff;
          return { id, email, name, role, sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "role" in user && isRole(user.role) && typeof user.sessionVersion === "number") {
          token.role = user.role;
          token.staffId = user.id;
          token.sessionVersion = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && isRole(token.role) && typeof token.staffId === "string") {
          session.user.id = token.staffId;
          session.user.role = token.role;
          if (typeof token.sessionVersion === "number") session.user.sessionVersion = token.sessionVersion;
        }
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server too: the version in every token issued so far
      // is no longer current, so a copied cookie stops working at once.
      async signOut({ token }) {
        if (typeof token?.staffId !== "string") return;
        const { db } = await database();
        if (typeof token.sessionVersion === "number") await endStaffSessions(db, token.staffId, token.sessionVersion);
        await recordAudit(db, { actorId: token.staffId, actorEmail: token.email ?? null, action: "auth.sign_out" });
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(env());
  return cached;
}

export { LOCKOUT_MINUTES };
