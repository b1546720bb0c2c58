import type { DefaultSession } from "next-auth";
import type { Role } from "../../lib/shared/permissions";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role; sessionVersion?: number };
  }
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    staffId?: string;
    /** The account's session version at sign-in; a token whose version is no longer current is refused. */
    sessionVersion?: number;
  }
}
