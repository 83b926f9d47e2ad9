import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verificationAction, verificationLoader } from "~/accounts/verification-route.server";
import { VerificationPage } from "~/ui/verification-page";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = ({ request }: LoaderFunctionArgs) => verificationLoader(request, "register");

export const action = ({ request, context }: ActionFunctionArgs) => verificationAction(request, context, "register");

export default function Register() {
  const { hasDemoPhone } = useLoaderData<typeof loader>();
  return <VerificationPage purpose="register" hasDemoPhone={hasDemoPhone} />;
}
