export { workspaceSummary } from "./workspace.repo";
export type { WorkspaceSummary } from "./workspace.repo";
