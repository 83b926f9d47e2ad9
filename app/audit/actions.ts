// Every action the audit log records, by area: one list, so that a new action cannot be written
// without the audit page knowing how to name it in both languages (locales/*/audit.json).

export const auditActionsByArea = {
  auth: [
    "auth.signed-in",
    "auth.sign-in-failed",
    "auth.signed-out",
    "auth.totp-enrolled",
    "auth.registered",
    "auth.password-reset",
    "auth.code-sent",
    "auth.code-withheld",
  ],
  account: [
    "account.contact-changed",
    "account.language-changed",
    "account.password-changed",
    "account.password-change-failed",
    "account.signed-out-elsewhere",
  ],
  staff: [
    "staff.invited",
    "staff.invitation-revoked",
    "staff.invitation-accepted",
    "staff.role-granted",
    "staff.role-removed",
    "staff.disabled",
    "staff.enabled",
    "staff.second-factor-reset",
    "staff.team-viewed",
  ],
  agency: [
    "agency.created",
    "agency.updated",
    "agency.link-updated",
    "agency.maintenance-started",
    "agency.maintenance-ended",
    "agency.key-added",
    "agency.contact-added",
    "agency.contact-removed",
  ],
  catalogue: [
    "catalogue.entry-added",
    "catalogue.entry-updated",
    "catalogue.entry-retired",
    "catalogue.entry-restored",
    "catalogue.entry-moved",
    "catalogue.imported",
    "service.publication-changed",
  ],
  records: [
    "application.viewed",
    "document.viewed",
    "certificate.downloaded",
    "certificate.printed",
    "certificate.revoked",
    "certificate.verified",
    "receipt.printed",
  ],
  kiosks: ["kiosk.registered", "kiosk.enrolled", "kiosk.enrolment-reissued", "kiosk.revoked"],
  operations: [
    "operations.read-only-on",
    "operations.read-only-off",
    "operations.parked-released",
    "operations.faults-cleared",
    "status.notice-posted",
    "status.notice-updated",
    "status.notice-ended",
  ],
  security: ["security.upload-infected", "security.audit-chain-broken", "audit.verified", "audit.exported"],
} as const;

export type AuditArea = keyof typeof auditActionsByArea;
export type AuditAction = (typeof auditActionsByArea)[AuditArea][number];

export const auditAreas = Object.keys(auditActionsByArea) as AuditArea[];
export const auditActions: readonly AuditAction[] = Object.values(auditActionsByArea).flat();

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (auditActions as readonly string[]).includes(value);
}
