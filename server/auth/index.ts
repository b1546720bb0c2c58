export { authOptions } from "./options";
export { hashPassword } from "./password";
export { can } from "./permissions";
export type { Permission, Role } from "./permissions";
export { resolveAuthSecret } from "./secret";
export { currentStaff } from "./session";
export type { SessionUser } from "./session";
