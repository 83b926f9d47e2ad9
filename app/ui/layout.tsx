import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/i18n/config";
import { brandColours, brandMark } from "./brand";

export type HeaderViewer = { kind: "anonymous" } | { kind: "citizen"; name: string; unread: number } | { kind: "staff"; name: string };

function LanguageSwitch({ language }: { language: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Language = language === "ar" ? "en" : "ar";
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="language" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" lang={other} aria-label={t("language.switchLabel")}>
        {t("language.switch")}
      </button>
    </Form>
  );
}

function Brand({ home = "/" }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={home} className="brand">
      <svg className="brand__mark" viewBox={`0 0 ${brandMark.size} ${brandMark.size}`} aria-hidden="true" focusable="false">
        <rect
          x={brandMark.frame.x}
          y={brandMark.frame.y}
          width={brandMark.frame.size}
          height={brandMark.frame.size}
          rx={brandMark.frame.radius}
          fill="none"
          stroke="currentColor"
          strokeWidth={brandMark.frame.strokeWidth}
        />
        <path d={brandMark.bars} stroke="currentColor" strokeWidth={brandMark.barWidth} />
        <rect x={brandMark.pane.x} y={brandMark.pane.y} width={brandMark.pane.size} height={brandMark.pane.size} fill={brandColours.accentOnBrand} />
      </svg>
      <span className="brand__text">
        <span className="brand__name">{t("brand.name")}</span>
        <span className="brand__state">{t("brand.state")}</span>
      </span>
    </Link>
  );
}

/** The header of a kiosk's screens: the brand (back to the start) and the language, nothing else. */
export function KioskHeader({ language }: { language: Language }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Brand home="/kiosk" />
        <div className="site-header__tools">
          <LanguageSwitch language={language} />
        </div>
      </div>
    </header>
  );
}

/**
 * The site's header. On a desktop: the brand, the navigation and the account's tools in one band.
 * On a phone: the brand, the language and a menu button (with the unread count) that opens the
 * rest; a `<details>`, so that it opens without JavaScript too. It closes on each navigation.
 */
export function SiteHeader({ language, viewer }: { language: Language; viewer: HeaderViewer }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);
  const unread = viewer.kind === "citizen" ? viewer.unread : 0;
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Brand />
        <div className="site-header__wide">
          <SiteNavigation viewer={viewer} />
          <AccountTools viewer={viewer} />
        </div>
        <LanguageSwitch language={language} />
        <details className="site-menu" ref={menu}>
          <summary className="site-menu__button">
            {t("nav.menu")}
            {unread > 0 ? (
              <span className="badge badge--count">
                <span aria-hidden="true">{unread}</span>
                <span className="visually-hidden">{t("nav.unread", { count: unread })}</span>
              </span>
            ) : null}
          </summary>
          <div className="site-menu__panel">
            <SiteNavigation viewer={viewer} />
            <AccountTools viewer={viewer} />
          </div>
        </details>
      </div>
    </header>
  );
}

function SiteNavigation({ viewer }: { viewer: HeaderViewer }) {
  const { t } = useTranslation();
  return (
    <nav className="site-nav" aria-label={t("nav.main")}>
      <ul className="site-nav__list">
        <li>
          <Link to="/">{t("nav.home")}</Link>
        </li>
        <li>
          <Link to="/services">{t("nav.services")}</Link>
        </li>
        {viewer.kind === "citizen" ? (
          <>
            <li>
              <Link to="/dashboard">{t("nav.dashboard")}</Link>
            </li>
            <li>
              <Link to="/notifications">
                {t("nav.notifications")}
                {viewer.unread > 0 ? <span className="badge badge--brand">{t("nav.unread", { count: viewer.unread })}</span> : null}
              </Link>
            </li>
            <li>
              <Link to="/profile">{t("nav.profile")}</Link>
            </li>
          </>
        ) : null}
        {viewer.kind === "staff" ? (
          <li>
            <Link to="/staff">{t("nav.workspace")}</Link>
          </li>
        ) : null}
        {viewer.kind === "anonymous" ? (
          <li>
            <Link to="/sign-in">{t("nav.signIn")}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function AccountTools({ viewer }: { viewer: HeaderViewer }) {
  const { t } = useTranslation();
  if (viewer.kind === "anonymous") return null;
  return (
    <div className="site-header__tools">
      <span className="site-header__who">{t("nav.signedInAs", { name: viewer.name })}</span>
      <Form method="post" action="/sign-out">
        <button type="submit" className="link-button">
          {t("nav.signOut")}
        </button>
      </Form>
    </div>
  );
}

export function SiteFooter({ year }: { year: number }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.operator")}</p>
        <p>
          <Link to="/performance">{t("footer.performance")}</Link>
        </p>
        <p>
          <Link to="/status">{t("footer.status")}</Link>
        </p>
        <p>{t("footer.rights", { year })}</p>
      </div>
    </footer>
  );
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a href="#main" className="skip-link">
      {t("nav.skipToContent")}
    </a>
  );
}

export function Main({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="container main" tabIndex={-1}>
      {children}
    </main>
  );
}
