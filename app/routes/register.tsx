import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verificationAction } from "~/accounts/verification-route.server";
import { getViewer } from "~/auth/guards.server";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
import { VerificationPage } from "~/ui/verification-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  if ((await getViewer(request)).kind === "citizen") throw redirect("/dashboard");
  const { t } = await getPageI18n(request);
  return json({ title: `${t("auth:register.title")} — ${t("brand.name")}`, hasDemoPhone: Boolean(getRuntime().env.DEMO_DATA) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return verificationAction(request, context, "register");
}

export default function Register() {
  const { hasDemoPhone } = useLoaderData<typeof loader>();
  return <VerificationPage purpose="register" hasDemoPhone={hasDemoPhone} />;
}
