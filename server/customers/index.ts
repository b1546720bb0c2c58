export { ZCustomerId, ZEraseCustomer, ZListCustomers, ZTimeline } from "./customers.schemas";
export { customerFilterOptions, listCustomers } from "./customers.service";
export { eraseCustomer } from "./erase.service";
export { maskName } from "./mask";
export { timelineOf } from "./profile.repo";
export { getCustomerProfile } from "./profile.service";
