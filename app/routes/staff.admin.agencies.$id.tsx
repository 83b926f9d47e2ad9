import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AgencyProblems } from "~/administration/agency-forms";
import { agencyIntents, agencyPage, runAgencyAction, type AgencyIntent } from "~/administration/agency-page.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, Notice, TextAreaField, TextField } from "~/ui/fields";
import { Table } from "~/ui/table";
import { Typed } from "~/ui/typed";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const page = await agencyPage(getDb(), params.id ?? "", lang, t);
  invariantResponse(page, "Not Found", { status: 404 });
  const search = new URL(request.url).searchParams;
  return json({ ...page, done: agencyIntents.find((intent) => intent === search.get("done")) ?? null, isCreated: search.has("created") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const form = await readForm(request);
  const intent = agencyIntents.find((known) => known === form.get("intent"));
  invariantResponse(intent, "Bad Request", { status: 400 });
  const agencyId = params.id ?? "";
  const result = await runAgencyAction(intent, {
    db: getDb(),
    agencyId,
    accountId: viewer.accountId,
    meta: requestMeta(request, context as { requestId?: string; ip?: string }, "back-office"),
    form,
    now: new Date(),
  });
  if (result.ok) return redirect(`/staff/admin/agencies/${encodeURIComponent(agencyId)}?done=${result.done}#${sectionOf[result.done]}`);
  if ("notFound" in result)
    return json({ intent, notFound: true as const, problems: {} as AgencyProblems, values: {} as Record<string, string> }, { status: 404 });
  return json({ intent, notFound: false as const, problems: result.problems, values: result.values }, { status: 400 });
}

const sectionOf: Record<AgencyIntent, string> = {
  details: "details",
  link: "link",
  "maintenance-start": "maintenance",
  "maintenance-end": "maintenance",
  "key-add": "keys",
  "contact-add": "contacts",
  "contact-remove": "contacts",
};

/** What a refused form needs: the error of each of its fields, and what was typed. */
function useRefusal(intent: AgencyIntent) {
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const mine = refused?.intent === intent ? refused : null;
  const problems: AgencyProblems = mine?.problems ?? {};
  return {
    errorOf: (field: keyof AgencyProblems) => {
      const problem = problems[field];
      return problem ? t(`agencies.problems.${problem}`) : undefined;
    },
    valueOf: (field: string, saved = "") => mine?.values[field] ?? saved,
    summary: Object.entries(problems).map(([field, problem]) => ({ field, message: t(`agencies.problems.${problem}`) })),
  };
}

export default function ManageAgency() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const summary = [useRefusal("details"), useRefusal("link"), useRefusal("maintenance-start"), useRefusal("key-add"), useRefusal("contact-add")].flatMap(
    (refusal) => refusal.summary,
  );
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/agencies">{t("agencies.back")}</Link>
      </p>
      <ErrorSummary errors={summary} />
      {refused?.notFound ? <Notice>{t("agencies.notFound")}</Notice> : null}
      {data.done ? <Notice tone="success">{t(`agencies.done.${data.done}`)}</Notice> : null}
      {data.isCreated ? <Notice tone="success">{t("agencies.created", { name: data.agency.name })}</Notice> : null}
      <h1>{data.agency.name}</h1>
      <p className="lead">
        <bdi dir="ltr">{data.agency.id}</bdi>
      </p>
      <Details />
      <ExchangeLink />
      <Maintenance />
      <SigningKeys />
      <Contacts />
    </div>
  );
}

function Details() {
  const { agency } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal("details");
  return (
    <section className="section" aria-labelledby="details">
      <h2 id="details">{t("agencies.editTitle")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="details" />
        <TextField name="nameAr" label={t("agencies.nameAr")} error={errorOf("nameAr")} defaultValue={valueOf("nameAr", agency.nameAr)} lang="ar" dir="rtl" />
        <TextField name="nameEn" label={t("agencies.nameEn")} error={errorOf("nameEn")} defaultValue={valueOf("nameEn", agency.nameEn)} lang="en" dir="ltr" />
        <TextField
          name="websiteUrl"
          label={t("agencies.website")}
          hint={t("agencies.websiteHint")}
          error={errorOf("websiteUrl")}
          defaultValue={valueOf("websiteUrl", agency.websiteUrl ?? "")}
          dir="ltr"
          inputMode="url"
        />
        <button type="submit" className="button">
          {t("agencies.save")}
        </button>
      </Form>
    </section>
  );
}

function ExchangeLink() {
  const { link } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal("link");
  return (
    <section className="section" aria-labelledby="link">
      <h2 id="link">{t("agencies.linkTitle")}</h2>
      <p>{t("agencies.linkLead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="link" />
        <TextField
          name="baseUrl"
          label={t("agencies.baseUrl")}
          hint={t("agencies.baseUrlHint")}
          error={errorOf("baseUrl")}
          defaultValue={valueOf("baseUrl", link.baseUrl ?? "")}
          dir="ltr"
          inputMode="url"
          placeholder={link.baseUrl ? undefined : t("agencies.baseUrlNone")}
        />
        <button type="submit" className="button button--secondary">
          {t("agencies.saveLink")}
        </button>
      </Form>
    </section>
  );
}

function Maintenance() {
  const { link } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal("maintenance-start");
  // A form remounts after a redirect (a new location), so what was saved is not left typed in it.
  const location = useLocation();
  return (
    <section className="section" aria-labelledby="maintenance">
      <h2 id="maintenance">{t("agencies.maintenanceTitle")}</h2>
      <p>
        {link.isUnderMaintenance
          ? link.maintenanceUntil
            ? t("agencies.maintenanceOnUntil", { since: link.maintenanceSince, until: link.maintenanceUntil })
            : t("agencies.maintenanceOn", { since: link.maintenanceSince })
          : t("agencies.maintenanceOff")}
      </p>
      <p className="muted">{t("agencies.maintenanceLead")}</p>
      {link.isUnderMaintenance ? (
        <Form method="post">
          <input type="hidden" name="intent" value="maintenance-end" />
          <button type="submit" className="button">
            {t("agencies.endMaintenance")}
          </button>
        </Form>
      ) : (
        <Form method="post" className="form" noValidate key={location.key}>
          <input type="hidden" name="intent" value="maintenance-start" />
          <TextField
            name="until"
            type="datetime-local"
            label={t("agencies.until")}
            hint={t("agencies.untilHint")}
            error={errorOf("until")}
            defaultValue={valueOf("until")}
            dir="ltr"
          />
          <button type="submit" className="button button--warning">
            {t("agencies.startMaintenance")}
          </button>
        </Form>
      )}
    </section>
  );
}

function SigningKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal("key-add");
  // A form remounts after a redirect (a new location), so what was saved is not left typed in it.
  const location = useLocation();
  return (
    <section className="section" aria-labelledby="keys">
      <h2 id="keys">{t("agencies.keysTitle")}</h2>
      <p>{t("agencies.keysLead")}</p>
      {keys.length === 0 ? (
        <p className="muted">{t("agencies.keysNone")}</p>
      ) : (
        <Table
          caption={t("agencies.keysList")}
          empty={t("agencies.keysNone")}
          rows={keys}
          rowKey={(key) => key.keyId}
          columns={[
            { header: t("agencies.keyId"), cell: (key) => <bdi dir="ltr">{key.keyId}</bdi> },
            { header: t("agencies.fingerprint"), cell: (key) => <code dir="ltr">{key.fingerprint}</code> },
            { header: t("agencies.validFrom"), cell: (key) => key.validFrom },
            { header: t("agencies.validUntil"), cell: (key) => key.validUntil ?? t("agencies.noEnd") },
            { header: t("agencies.keyState"), cell: (key) => <span className={`badge badge--${key.state}`}>{t(`agencies.keyStates.${key.state}`)}</span> },
          ]}
        />
      )}
      <Form method="post" className="form" noValidate key={location.key}>
        <input type="hidden" name="intent" value="key-add" />
        <TextField name="keyId" label={t("agencies.keyId")} hint={t("agencies.keyIdHint")} error={errorOf("keyId")} defaultValue={valueOf("keyId")} dir="ltr" />
        <TextAreaField
          name="publicKey"
          label={t("agencies.publicKey")}
          hint={t("agencies.publicKeyHint")}
          error={errorOf("publicKey")}
          defaultValue={valueOf("publicKey")}
          dir="ltr"
          spellCheck={false}
        />
        <TextField
          name="overlapDays"
          label={t("agencies.overlapDays")}
          hint={t("agencies.overlapDaysHint")}
          error={errorOf("overlapDays")}
          defaultValue={valueOf("overlapDays", "7")}
          inputMode="numeric"
          className="input--code"
          dir="ltr"
        />
        <button type="submit" className="button button--secondary">
          {t("agencies.addKey")}
        </button>
      </Form>
    </section>
  );
}

function Contacts() {
  const { contacts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal("contact-add");
  // A form remounts after a redirect (a new location), so what was saved is not left typed in it.
  const location = useLocation();
  return (
    <section className="section" aria-labelledby="contacts">
      <h2 id="contacts">{t("agencies.contactsTitle")}</h2>
      <p>{t("agencies.contactsLead")}</p>
      {contacts.length === 0 ? (
        <p className="muted">{t("agencies.contactsNone")}</p>
      ) : (
        <Table
          caption={t("agencies.contactsList")}
          empty={t("agencies.contactsNone")}
          rows={contacts}
          rowKey={(contact) => contact.id}
          columns={[
            { header: t("agencies.contactName"), cell: (contact) => <Typed>{contact.name}</Typed> },
            { header: t("agencies.responsibility"), cell: (contact) => <Typed>{contact.responsibility}</Typed> },
            { header: t("agencies.email"), cell: (contact) => (contact.email ? <bdi dir="ltr">{contact.email}</bdi> : "—") },
            { header: t("agencies.phone"), cell: (contact) => (contact.phone ? <bdi dir="ltr">{contact.phone}</bdi> : "—") },
            {
              header: t("agencies.removeContact"),
              cell: (contact) => (
                <Form method="post">
                  <input type="hidden" name="intent" value="contact-remove" />
                  <input type="hidden" name="contactId" value={contact.id} />
                  <button type="submit" className="link-button" aria-label={t("agencies.removeContactLabel", { name: contact.name })}>
                    {t("agencies.removeContact")}
                  </button>
                </Form>
              ),
            },
          ]}
        />
      )}
      <Form method="post" className="form" noValidate key={location.key}>
        <input type="hidden" name="intent" value="contact-add" />
        <p className="field__hint">{t("agencies.contactHint")}</p>
        <TextField name="name" label={t("agencies.contactName")} error={errorOf("name")} defaultValue={valueOf("name")} autoComplete="off" />
        <TextField
          name="responsibility"
          label={t("agencies.responsibility")}
          hint={t("agencies.responsibilityHint")}
          error={errorOf("responsibility")}
          defaultValue={valueOf("responsibility")}
        />
        <TextField
          name="email"
          type="email"
          label={t("agencies.email")}
          error={errorOf("email")}
          defaultValue={valueOf("email")}
          dir="ltr"
          autoComplete="off"
        />
        <TextField name="phone" type="tel" label={t("agencies.phone")} error={errorOf("phone")} defaultValue={valueOf("phone")} dir="ltr" autoComplete="off" />
        <button type="submit" className="button button--secondary">
          {t("agencies.addContact")}
        </button>
      </Form>
    </section>
  );
}
