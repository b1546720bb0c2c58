export { DEMO_STAFF, ensureDemoStaff, ensureFirstAdmin } from "./seed.service";
export { findStaffByEmail, listStaff, updateStaff } from "./staff.repo";
export { ZCreateStaff, ZListStaff, ZSetDisabled, ZSetRole, ZStaffId } from "./staff.schemas";
export { createStaff, setStaffDisabled, setStaffRole, unlockStaff } from "./staff.service";
