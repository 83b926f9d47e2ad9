import { useTranslation } from "react-i18next";
import type { StaffRole } from "../../db/schema/accounts";

export interface NamedGrant {
  role: StaffRole;
  agencyName: string | null;
  positionName: string | null;
}

/** A role as staff pages name it: the position and agency of a clerk, the agency of the others. */
export function useRoleLabel() {
  const { t } = useTranslation("staff");
  return (grant: NamedGrant) => {
    const agency = grant.agencyName ?? "";
    switch (grant.role) {
      case "admin":
        return t("roles.admin");
      case "agency-admin":
        return t("roles.agency-admin", { agency });
      case "supervisor":
        return t("roles.supervisor", { agency });
      case "clerk":
        return t("roles.clerk", { agency, position: grant.positionName ?? "" });
    }
  };
}
