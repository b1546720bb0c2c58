import NextAuth, { getServerSession, type NextAuthOptions, type Session } from "next-auth";

/**
 * Drives the app's next-auth configuration the way a browser does, through next-auth's own request
 * handler (the pages-style entry point, which needs no Next.js request context): CSRF token,
 * credentials callback, session, sign-out. Cookies are kept in a jar exactly as the Set-Cookie
 * headers set them, so a test can copy the jar (an attacker keeping a cookie) and replay it.
 */
export interface SetCookie {
  name: string;
  value: string;
  attributes: string[];
  raw: string;
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = "", ...attributes] = raw.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes, raw };
}

interface FakeResponse {
  statusCode: number;
  headers: Map<string, string | string[]>;
  body: unknown;
}

function fakeResponse() {
  const state: FakeResponse = { statusCode: 200, headers: new Map(), body: undefined };
  const res = {
    status(code: number) {
      state.statusCode = code;
      return res;
    },
    setHeader(key: string, value: string | string[]) {
      state.headers.set(key.toLowerCase(), value);
      return res;
    },
    getHeader(key: string) {
      return state.headers.get(key.toLowerCase());
    },
    end() {
      return res;
    },
    json(body: unknown) {
      state.body = body;
      return res;
    },
    send(body: unknown) {
      state.body = body;
      return res;
    },
  };
  return { res, state };
}

export class AuthClient {
  readonly jar = new Map<string, string>();
  /** Every Set-Cookie header the server sent, in order. */
  readonly setCookies: SetCookie[] = [];

  constructor(
    private readonly options: NextAuthOptions,
    private readonly host = "localhost:3000",
  ) {}

  /** Another client holding a copy of this one's cookies (a stolen or kept cookie). */
  clone(): AuthClient {
    const copy = new AuthClient(this.options, this.host);
    for (const [name, value] of this.jar) copy.jar.set(name, value);
    return copy;
  }

  private request(method: "GET" | "POST", nextauth: string[], body?: Record<string, string>) {
    return {
      method,
      query: { nextauth },
      body: body ?? {},
      cookies: Object.fromEntries(this.jar),
      headers: { host: this.host, "content-type": "application/x-www-form-urlencoded", cookie: [...this.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ") },
    };
  }

  private absorb(state: FakeResponse) {
    const header = state.headers.get("set-cookie");
    const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
    for (const raw of list) {
      const cookie = parseSetCookie(raw);
      this.setCookies.push(cookie);
      const expired = cookie.attributes.some((a) => /^max-age=0$/i.test(a)) || cookie.value === "";
      if (expired) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
  }

  async call(method: "GET" | "POST", nextauth: string[], body?: Record<string, string>): Promise<FakeResponse> {
    const { res, state } = fakeResponse();
    await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<void>)(this.request(method, nextauth, body), res, this.options);
    this.absorb(state);
    return state;
  }

  private async csrfToken(): Promise<string> {
    const { body } = await this.call("GET", ["csrf"]);
    return (body as { csrfToken: string }).csrfToken;
  }

  /** Posts the login form; resolves to next-auth's error code, or null when signed in. */
  async signIn(email: string, password: string): Promise<string | null> {
    const csrfToken = await this.csrfToken();
    const { body } = await this.call("POST", ["callback", "credentials"], { email, password, csrfToken, json: "true" });
    const url = new URL((body as { url: string }).url, `http://${this.host}`);
    return url.searchParams.get("error");
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.call("POST", ["signout"], { csrfToken, json: "true" });
  }

  /** What `getServerSession` sees for these cookies (the same call the pages make). */
  session(): Promise<Session | null> {
    const { res } = fakeResponse();
    const req = { headers: { host: this.host }, cookies: Object.fromEntries(this.jar) };
    return (getServerSession as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<Session | null>)(req, res, this.options);
  }

  sessionCookie(): SetCookie | undefined {
    return this.setCookies.filter((c) => c.name.endsWith("next-auth.session-token")).at(-1);
  }
}
