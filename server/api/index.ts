export { createContext } from "./context";
export { appRouter, createCaller } from "./root";
export type { AppRouter } from "./root";
