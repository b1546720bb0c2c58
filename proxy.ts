import { NextResponse, type NextRequest } from "next/server";

/*
 * Security headers for every response (Next.js 16 runs this file, the former middleware.ts,
 * before each request). The Content-Security-Policy carries a fresh nonce per request: Next.js
 * reads it from the request's CSP header and puts it on its own inline bootstrap scripts, and
 * 'strict-dynamic' lets those scripts load the app's chunks. No other script runs.
 *
 * Styles: <style> elements need the nonce too, but style *attributes* are allowed
 * ('unsafe-inline' in style-src-attr only), because React renders `style={...}` props into the
 * server HTML (progress bars, chart sizes, recharts' SVG) and CSP cannot nonce an attribute. An
 * injected style attribute cannot run script or load anything from elsewhere (img-src,
 * font-src and connect-src are 'self'), which is why a reviewer can accept it.
 */

function policy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Next's dev overlay and hot reload inject <style> elements without a nonce.
    `style-src 'self' ${options.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

function servedOverHttps(): boolean {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? "").protocol === "https:";
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = servedOverHttps();
  const csp = policy(nonce, { dev: process.env.NODE_ENV === "development", https });

  // Next.js takes the nonce for its scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  // Paths hold customer and segment ids: never send them to another site.
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  response.headers.set("Cross-Origin-Resource-Policy", "same-origin");
  // Only when the public URL is https: HSTS over plain http would lock a demo out of itself.
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

// Every path, static files and API answers included: nosniff and frame-ancestors matter there too.
export const config = { matcher: "/:path*" };
