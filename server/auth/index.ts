export { authOptions } from "./options";
export { hashPassword } from "./password";
export { can } from "../../lib/shared/permissions";
export type { Permission, Role } from "../../lib/shared/permissions";
export { resolveAuthSecret } from "./secret";
export { currentStaff } from "./session";
export { forgetSessionStaff } from "./session-cache";
export type { SessionUser } from "./session";
