export { createContext } from "./context";
export { getCurrentUser, serverCaller } from "./current-user";
export { errorResponse, ingestRoutes, requireImporter, trpcRoute } from "./http";
export { appRouter, createCaller } from "./root";
export type { AppRouter } from "./root";
