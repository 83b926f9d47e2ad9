import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { RouteHandle } from "./http/route-handle";
import { defaultLanguage, isLanguage, kioskChromeNamespaces, layoutNamespaces, type Namespace } from "./i18n/config";
import { languageFromCookie } from "./i18n/language.server";
import { i18nFor, serialisedBootOf } from "./i18n/resources.server";
import { I18nBootContext, installTranslators } from "./i18n/translators";
import { log } from "./log.server";
import { NonceProvider } from "./ui/nonce";

const ABORT_DELAY = 5_000;

installTranslators(i18nFor);

/** The namespaces a page's browser code uses: the layout's, the kiosk's screens', and each matched route's `handle.i18n`. */
function pageNamespaces(remixContext: EntryContext): Namespace[] {
  const handles = remixContext.staticHandlerContext.matches.map((match) => (remixContext.routeModules[match.route.id]?.handle ?? {}) as RouteHandle);
  const isKiosk = handles.some((handle) => handle.chrome === "kiosk");
  return [...layoutNamespaces, ...(isKiosk ? kioskChromeNamespaces : []), ...handles.flatMap((handle) => handle.i18n ?? [])];
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader decides the language (account, cookie, default); if it failed, the cookie does.
  // Here it only labels the response; the root layout renders in it.
  const rootData = remixContext.staticHandlerContext.loaderData.root as { lang?: unknown } | undefined;
  const language = isLanguage(rootData?.lang) ? rootData.lang : ((await languageFromCookie(request)) ?? defaultLanguage);
  const nonce = loadContext.cspNonce ?? "";
  const boot = serialisedBootOf(language, pageNamespaces(remixContext));
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let didError = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nBootContext.Provider value={boot}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nBootContext.Provider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          const body = pageBody();
          // A page written to its end needs no abort: the timer (and the render it holds) goes with it.
          body.once("end", () => clearTimeout(abortTimer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", language);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: didError ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          log.error("render failed", { error });
        },
      },
    );
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * The page as the browser gets it, in few large pieces. React writes a page in hundreds of small
 * chunks, and each chunk written costs the compressor a round trip to its thread: what React writes
 * at once is sent as one piece (a later part, after a wait, still goes as soon as it is written).
 *
 * React 18.3's streaming renderer also leaves zero bytes inside non-ASCII text where its chunks meet
 * (react issues 24985, 31134; fixed in React 19 only): Arabic pages carried them. Browsers hide them,
 * but crawlers, mail clients and search do not; no HTML page may hold one, so none is sent.
 */
export function pageBody(): Transform {
  let pending: Buffer[] = [];
  let isScheduled = false;
  const send = (stream: Transform) => {
    isScheduled = false;
    if (pending.length === 0) return;
    const joined = Buffer.concat(pending);
    pending = [];
    stream.push(withoutZeroBytes(joined));
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!isScheduled) {
        isScheduled = true;
        setImmediate(() => send(this));
      }
      callback();
    },
    flush(callback) {
      send(this);
      callback();
    },
  });
}

function withoutZeroBytes(bytes: Buffer): Buffer {
  let zero = bytes.indexOf(0);
  if (zero === -1) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (; zero !== -1; zero = bytes.indexOf(0, from)) {
    parts.push(bytes.subarray(from, zero));
    from = zero + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // The router's own answers to a method a route does not take (405) or a bad request are not faults.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log.error("request failed", { error, url: new URL(request.url).pathname });
}
