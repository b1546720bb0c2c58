export { DEMO_STAFF, ensureDemoStaff, ensureFirstAdmin } from "./seed.service";
export { findStaffByEmail, listStaff, updateStaff } from "./staff.repo";
export { ZChangePassword, ZCreateStaff, ZListStaff, ZSetDisabled, ZSetPassword, ZSetRole, ZStaffId } from "./staff.schemas";
export { changeOwnPassword, createStaff, setStaffDisabled, setStaffPassword, setStaffRole, unlockStaff } from "./staff.service";
