export { listAudit, listAuditActions, recordAudit } from "./audit.repo";
