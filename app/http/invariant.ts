/**
 * Stops a loader or action with an HTTP answer when something it needs is not so (an application
 * that is not the viewer's, a service that is not offered): the page's error boundary shows the
 * status in the reader's language, and a resource route's client gets the status and message.
 */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = {}): asserts condition {
  if (!condition) throw new Response(message, { status: 400, ...init });
}
