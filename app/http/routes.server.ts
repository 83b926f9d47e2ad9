import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { RouteHandle } from "./route-handle";

type RouteNode = AgnosticRouteObject & { id: string; children?: RouteNode[] };

/** The build's flat route manifest as the tree the router matches (as Remix itself builds it). */
function routeTree(routes: ServerBuild["routes"], parentId = ""): RouteNode[] {
  return Object.values(routes)
    .filter((route) => (route.parentId ?? "") === parentId)
    .map((route) => {
      const children = routeTree(routes, route.id);
      return route.index
        ? ({ id: route.id, index: true, path: route.path } as RouteNode)
        : ({ id: route.id, path: route.path, caseSensitive: route.caseSensitive, children } as RouteNode);
    });
}

export interface MatchedRoute {
  /** The route's id in the build (`routes/applications.$id`): the metrics' route label. */
  id: string;
  handle: RouteHandle;
}

/**
 * The route a path reaches and its handle, matched as Remix matches it (so `/exchange/agencies/x/../../sign-in`
 * is the sign-in page, whatever its raw text says). Undefined when no route matches.
 */
export function createRouteMatcher(build: ServerBuild): (pathname: string) => MatchedRoute | undefined {
  const tree = routeTree(build.routes);
  return (pathname) => {
    const matches = matchRoutes(tree, pathname);
    const leaf = matches?.[matches.length - 1];
    if (!leaf) return undefined;
    const id = (leaf.route as RouteNode).id;
    return { id, handle: (build.routes[id]?.module.handle ?? {}) as RouteHandle };
  };
}
