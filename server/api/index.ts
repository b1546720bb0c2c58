export { createContext } from "./context";
export { getCurrentUser, serverCaller } from "./current-user";
export { bodyTooLargeMessage, errorResponse, ingestRoutes, MAX_REQUEST_BODY_BYTES, requireImporter, signInRateLimitAnswer, tooManyRequests, trpcRoute, withCappedBody } from "./http";
export { appRouter, createCaller } from "./root";
export type { AppRouter } from "./root";
