export { DEMO_STAFF, ensureDemoStaff, ensureFirstAdmin } from "./seed.service";
export { staffForSession } from "./staff-cache";
export { findStaffByEmail, listStaff, updateStaff } from "./staff.repo";
export { ZCreateStaff, ZListStaff, ZSetDisabled, ZSetRole, ZStaffId } from "./staff.schemas";
export { createStaff, setStaffDisabled, setStaffRole, unlockStaff } from "./staff.service";
