// What the express server (scripts/start.ts) hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    ip: string;
    cspNonce: string;
  }
}

export {};
