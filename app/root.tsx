import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { getViewer, isServedWhenSlow, VIEWER_WAIT_WHEN_SLOW_MS } from "./auth/guards.server";
import { TIMED_OUT, withTimeout } from "./ops/timeout";
import { defaultLanguage, directionOf, type Language } from "./i18n/config";
import { getLanguage, redirectForLinkedLanguage } from "./i18n/language.server";
import { documentTitles } from "./i18n/titles.server";
import { I18N_BOOT_ELEMENT_ID, translatorFor, useI18nBoot } from "./i18n/translators";
import stylesUrl from "./styles/app.css";
import { fontFaceCss, preloadFonts } from "./ui/fonts";
import { KioskHeartbeat } from "./ui/kiosk-heartbeat";
import { IdleGuard } from "./ui/kiosk-idle";
import { KioskKeyboard } from "./ui/kiosk-keyboard";
import { KioskHeader, Main, SiteFooter, SiteHeader, SkipLink, type HeaderViewer } from "./ui/layout";
import { useNonce } from "./ui/nonce";
import { countUnread } from "~/notifications/inbox.server";
import { getDb, getRuntime } from "~/runtime.server";
import { readOperatingMode, type OperatingMode } from "~/ops/operating-mode.server";
import { bannersOf } from "~/ops/status.server";
import { StatusBanners } from "./ui/status-banners";
import type { RouteHandle } from "~/http/route-handle";
import { displayName } from "./i18n/names";

export const links: LinksFunction = () => [
  ...preloadFonts.map((href) => ({ rel: "preload", href, as: "font", type: "font/woff2", crossOrigin: "anonymous" as const })),
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The citizen's unread count for the header; on a page served while the database is slow, none rather than a wait. */
async function unreadOf(request: Request, personId: string): Promise<number> {
  if (!isServedWhenSlow(request)) return countUnread(getDb(), personId);
  const unread = await withTimeout(countUnread(getDb(), personId), VIEWER_WAIT_WHEN_SLOW_MS);
  return unread === TIMED_OUT ? 0 : unread;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const linked = await redirectForLinkedLanguage(request, getDb(), viewer);
  if (linked) throw linked;
  const lang = await getLanguage(request, viewer);
  const header: HeaderViewer =
    viewer.kind === "citizen"
      ? { kind: "citizen", name: displayName(viewer.person, lang), unread: await unreadOf(request, viewer.person.id) }
      : viewer.kind === "staff"
        ? { kind: "staff", name: displayName(viewer.person, lang) }
        : { kind: "anonymous" };
  const titles = documentTitles(lang);
  // What operators want every visitor to know first: the portal is read-only, or a notice on the portal as a whole.
  const mode = await readOperatingMode(getDb(), getRuntime().env.READ_ONLY).catch((): OperatingMode => ({ isReadOnly: false }));
  const readOnly = mode.isReadOnly ? { reason: (lang === "ar" ? (mode.reasonAr ?? mode.reasonEn) : (mode.reasonEn ?? mode.reasonAr)) ?? null } : null;
  const banners = await bannersOf(getDb(), lang, "portal-only");
  return json({ lang, viewer: header, year: new Date().getFullYear(), titles, readOnly, banners });
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: translatorFor(defaultLanguage).t("brand.name") }];
  const { titles } = data;
  if (error) {
    const status = isRouteErrorResponse(error) ? error.status : 500;
    return [{ title: status === 404 ? titles.notFound : status === 403 ? titles.forbidden : titles.error }];
  }
  return [{ title: titles.home }, { name: "description", content: titles.description }];
};

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const boot = useI18nBoot();
  const lang: Language = data?.lang ?? defaultLanguage;
  // Kiosk pages (a touch screen in a public place) have their own chrome: no site navigation.
  const handles = useMatches().map((match) => (match.handle ?? {}) as RouteHandle);
  const isKiosk = handles.some((handle) => handle.chrome === "kiosk");
  // A person's own pages at a kiosk end by themselves when nobody touches the screen.
  const isKioskSession = isKiosk && handles.some((handle) => handle.isPersonal);
  const isEnrolment = handles.some((handle) => handle.isEnrolment);
  // Marks the document once React has taken over (error pages too), for tests of scripted behaviour.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: fontFaceCss }} />
      </head>
      <body className={isKiosk ? "kiosk" : undefined}>
        {/* Keyed by language: when a navigation changes the language, the page is rebuilt in it. */}
        <I18nextProvider i18n={translatorFor(lang)} key={lang}>
          <SkipLink />
          {isKiosk ? <KioskHeader language={lang} /> : <SiteHeader language={lang} viewer={data?.viewer ?? { kind: "anonymous" }} />}
          {isKioskSession ? <IdleGuard /> : null}
          <Main>
            <StatusBanners readOnly={data?.readOnly} notices={data?.banners ?? []} hasLink={!isKiosk} />
            {children}
          </Main>
          {isKiosk ? <KioskKeyboard /> : null}
          {isKiosk && !isEnrolment ? <KioskHeartbeat /> : null}
          {isKiosk ? null : <SiteFooter year={data?.year ?? new Date().getFullYear()} />}
        </I18nextProvider>
        {/* The translations this page's browser code starts with (entry.client reads them once). */}
        <script type="application/json" id={I18N_BOOT_ELEMENT_ID} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: boot }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export { SiteErrorBoundary as ErrorBoundary } from "./ui/route-error";
