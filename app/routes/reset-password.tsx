import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verificationAction, verificationLoader } from "~/accounts/verification-route.server";
import { VerificationPage } from "~/ui/verification-page";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = ({ request }: LoaderFunctionArgs) => verificationLoader(request, "reset-password");

export const action = ({ request, context }: ActionFunctionArgs) => verificationAction(request, context, "reset-password");

export default function ResetPassword() {
  const { hasDemoPhone } = useLoaderData<typeof loader>();
  return <VerificationPage purpose="reset-password" hasDemoPhone={hasDemoPhone} />;
}
