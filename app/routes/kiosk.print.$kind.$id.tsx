import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FinishButton } from "~/ui/kiosk-idle";
import { findCertificate } from "~/certificates/certificates.server";
import { getPageI18n } from "~/i18n/page.server";
import { requireKioskPerson } from "~/kiosk/device.server";
import { getOwnPayment } from "~/payments/payments.server";
import { getDb } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";
import { takenPaymentStatuses } from "../../db/schema/payments";
import { invariantResponse } from "~/http/invariant";

export const handle: RouteHandle = { isPersonal: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The kiosk's print screen: the document (the holder's certificate copy, or a receipt) is loaded
// in a frame of this page and printed from it, so Chromium in kiosk mode with --kiosk-printing
// sends it straight to the kiosk's printer. Each load of the document is a print, recorded
// against the kiosk and audited by its route.

const kinds = ["certificate", "receipt"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireKioskPerson(request);
  const kind = kinds.find((known) => known === params.kind);
  const id = params.id ?? "";
  const { t } = await getPageI18n(request);
  const db = getDb();
  invariantResponse(kind, "Not Found", { status: 404 });
  if (kind === "certificate") {
    const found = await findCertificate(db, { number: id });
    invariantResponse(found && found.certificate.holderPersonId === session.personId && found.certificate.status === "valid", "Not Found", { status: 404 });
    return json({
      title: t("kiosk:print.certificateMeta"),
      kind,
      number: found.certificate.number,
      pdf: `/kiosk/certificates/${found.certificate.number}.pdf`,
      back: `/kiosk/applications/${found.certificate.applicationId}`,
    });
  }
  const found = await getOwnPayment(db, session.personId, id);
  // Any payment whose money was taken has its receipt (one paid twice and refunded too).
  invariantResponse(found && (takenPaymentStatuses as readonly string[]).includes(found.payment.status), "Not Found", { status: 404 });
  const { payment } = found;
  return json({
    title: t("kiosk:print.receiptMeta"),
    kind,
    number: payment.receiptNumber ?? "",
    pdf: `/kiosk/receipts/${payment.id}.pdf`,
    back: `/kiosk/applications/${payment.applicationId}`,
  });
}

type PrintState = "loading" | "sent" | "failed";

export default function PrintScreen() {
  const { kind, number, pdf, back } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kiosk");
  const [state, setState] = useState<PrintState>("loading");
  // Each new copy is a new load of the document (and a new print on record).
  const [copy, setCopy] = useState(1);
  const frame = useRef<HTMLIFrameElement>(null);
  // The frame is drawn once the page is live, so that its load (and the print) is never missed.
  const [isLive, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const print = () => {
    try {
      frame.current!.contentWindow!.focus();
      frame.current!.contentWindow!.print();
      setState("sent");
    } catch {
      setState("failed");
    }
  };
  return (
    <div className="kiosk-screen" data-print-state={state}>
      <h1>{t(`print.${kind}Title`, { number })}</h1>
      <p className="kiosk-note" role="status">
        {t(`print.states.${state}`)}
      </p>
      {isLive ? (
        <iframe
          ref={frame}
          key={copy}
          src={`${pdf}?copy=${copy}#toolbar=0&navpanes=0&view=FitH`}
          title={t(`print.${kind}Frame`, { number })}
          className="kiosk-print-frame"
          onLoad={print}
        />
      ) : null}
      <div className="kiosk-actions">
        <button
          type="button"
          className="kiosk-button kiosk-button--secondary"
          onClick={() => {
            setState("loading");
            setCopy((count) => count + 1);
          }}
        >
          {t("print.again")}
        </button>
        <Link to={back} className="kiosk-button kiosk-button--secondary">
          {t("print.back")}
        </Link>
        <FinishButton />
      </div>
    </div>
  );
}
