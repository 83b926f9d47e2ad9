import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { governorates, type GovernorateId } from "~/agencies/governorates";
import { addSlot, isSlotTime, listSlots, removeSlot } from "~/agencies/kff/slots.server";
import { requireStaff } from "~/auth/guards.server";
import type { Viewer } from "~/auth/permissions";

import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { DayField, ErrorSummary, Notice, TextField } from "~/ui/fields";
import { joinDateParts } from "~/catalogue/date-parts";
import { Table } from "~/ui/table";
import { readForm } from "~/http/form.server";
import { kuwaitToday } from "~/i18n/dates";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const governorateIds = Object.keys(governorates) as GovernorateId[];

/** Only the fire force's prevention officers and supervisors manage its inspection slots. */
async function requireSlotManager(request: Request) {
  const viewer = await requireStaff(request, { agencyId: "kff" });
  const isManager = (roles: Extract<Viewer, { kind: "staff" }>["roles"]) =>
    roles.some((grant) => grant.agencyId === "kff" && (grant.role === "supervisor" || grant.position === "prevention-officer"));
  invariantResponse(isManager(viewer.roles), "Forbidden", { status: 403 });
  return viewer;
}

const governorateOf = (request: Request): GovernorateId => {
  const asked = new URL(request.url).searchParams.get("governorate") as GovernorateId;
  return governorateIds.includes(asked) ? asked : "capital";
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSlotManager(request);
  const { lang, t } = await getPageI18n(request);
  const governorate = governorateOf(request);
  const slots = await listSlots(getDb(), governorate, kuwaitToday());
  const url = new URL(request.url);
  return json({
    title: t("staff:slots.meta"),
    governorate,
    governorates: governorateIds.map((id) => ({ id, label: governorates[id][lang] })),
    changed: url.searchParams.get("changed"),
    slots: slots.map((slot) => ({
      id: slot.id,
      at: formatDateTime(new Date(`${slot.startsAt}:00+03:00`), lang),
      capacity: slot.capacity,
      booked: slot.booked,
    })),
  });
}

const AddSchema = z.object({ day: z.iso.date(), time: z.string().regex(/^\d{2}:\d{2}$/), capacity: z.coerce.number().int().min(1).max(20) });

export async function action({ request }: ActionFunctionArgs) {
  await requireSlotManager(request);
  const governorate = governorateOf(request);
  const form = joinDateParts(await readForm(request));
  const db = getDb();
  const back = (changed: string) => redirect(`/staff/inspections/slots?governorate=${governorate}&changed=${changed}`);
  if (form.get("intent") === "remove") {
    const removed = await removeSlot(db, String(form.get("slot") ?? ""));
    return removed.ok ? back("removed") : json({ problem: removed.reason, values: {} }, { status: 409 });
  }
  const values = { day: String(form.get("day") ?? ""), time: String(form.get("time") ?? ""), capacity: String(form.get("capacity") ?? "") };
  const parsed = AddSchema.safeParse(values);
  if (!parsed.success || !isSlotTime(`${values.day}T${values.time}`)) return json({ problem: "invalid" as const, values }, { status: 400 });
  const added = await addSlot(db, { governorate, startsAt: `${parsed.data.day}T${parsed.data.time}`, capacity: parsed.data.capacity, today: kuwaitToday() });
  return added.ok ? back("added") : json({ problem: added.reason, values }, { status: 409 });
}

export default function Slots() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const problem = refused?.problem ? t(`slots.problems.${refused.problem}`) : null;
  return (
    <div className="page">
      <p>
        <Link to="/staff/inspections">{t("inspections.title")}</Link>
      </p>
      {data.changed === "added" || data.changed === "removed" ? <Notice tone="success">{t(`slots.${data.changed}`)}</Notice> : null}
      <ErrorSummary errors={problem ? [{ field: "day", message: problem }] : []} />
      <h1>{t("slots.title")}</h1>
      <Form method="get" className="form">
        <div className="field">
          <label className="field__label" htmlFor="slots-governorate">
            {t("slots.governorate")}
          </label>
          <select id="slots-governorate" name="governorate" className="input" defaultValue={data.governorate}>
            {data.governorates.map((governorate) => (
              <option key={governorate.id} value={governorate.id}>
                {governorate.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("inspections.show")}
        </button>
      </Form>

      <section className="section" aria-labelledby="add-slot">
        <h2 id="add-slot">{t("slots.add")}</h2>
        <Form method="post" className="form" noValidate key={data.changed ?? "form"}>
          <input type="hidden" name="intent" value="add" />
          <DayField
            name="day"
            label={t("slots.day")}
            defaultValue={refused?.values && "day" in refused.values ? refused.values.day : ""}
            error={problem ?? undefined}
          />
          <TextField
            name="time"
            type="time"
            label={t("slots.time")}
            dir="ltr"
            defaultValue={refused?.values && "time" in refused.values ? refused.values.time : "09:00"}
          />
          <TextField
            name="capacity"
            label={t("slots.capacity")}
            inputMode="numeric"
            dir="ltr"
            defaultValue={refused?.values && "capacity" in refused.values ? refused.values.capacity : "2"}
          />
          <button type="submit" className="button">
            {t("slots.addButton")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="slots">
        <h2 id="slots">{t("slots.listTitle")}</h2>
        <Table
          empty={t("slots.none")}
          caption={t("slots.listTitle")}
          rows={data.slots}
          rowKey={(slot) => slot.id}
          columns={[
            { header: t("inspections.at"), cell: (slot) => slot.at },
            { header: t("slots.capacity"), cell: (slot) => slot.capacity },
            { header: t("slots.booked"), cell: (slot) => slot.booked },
            {
              header: t("slots.actions"),
              cell: (slot) =>
                slot.booked === 0 ? (
                  <Form method="post">
                    <input type="hidden" name="slot" value={slot.id} />
                    <button type="submit" name="intent" value="remove" className="link-button" aria-label={t("slots.removeLabel", { at: slot.at })}>
                      {t("slots.remove")}
                    </button>
                  </Form>
                ) : null,
            },
          ]}
        />
      </section>
    </div>
  );
}
