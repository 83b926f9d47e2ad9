import { useTranslation } from "react-i18next";

/** Before a payment: why the application will not go straight through, and what follows (a clerk to decide). */
export function Forewarning({ forewarning }: { forewarning: { lead: string; points: string[] } | null }) {
  const { t } = useTranslation("payment");
  if (!forewarning) return null;
  return (
    <div className="notice notice--warning" data-testid="forewarning">
      <p>
        <strong>{t("forewarning.title")}</strong>
      </p>
      <p>{forewarning.lead}</p>
      <ul>
        {forewarning.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
    </div>
  );
}
