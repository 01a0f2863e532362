/**
 * Pure routing over a table of `ControlRoute`s: a path matched by a route with this method is that
 * route; a path some route matches with another method is a 405; anything else is a 404, with the
 * usage hint of a route whose literal prefix the path starts with.
 */
import { ERR_BAD_QUERY, ERR_METHOD_NOT_ALLOWED, ERR_ROUTE_NOT_FOUND } from '../errors.js';
import type { ControlRoute, RouteParams } from './control-route.js';

export interface RouteMatch {
  readonly route: ControlRoute;
  readonly params: RouteParams;
}

export interface RouteTable {
  /** The route for this request, or throws the 400, 404 or 405 `ChaosApiError` to answer with. */
  match(method: string, path: string): RouteMatch;
}

interface CompiledRoute {
  readonly route: ControlRoute;
  readonly segments: readonly string[];
  /** The literal segments before the first parameter. */
  readonly prefix: readonly string[];
}

export function createRouteTable(routes: readonly ControlRoute[]): RouteTable {
  const compiled = routes.map(compile);
  const seen = new Set<string>();
  for (const { route } of compiled) {
    const id = `${route.method} ${route.pattern}`;
    if (seen.has(id))
      throw new Error(`Failed to build the control API: two routes for ${id}. Remove or rename one of them.`);
    seen.add(id);
  }
  return {
    match(method, path) {
      const segments = path.split('/').filter(Boolean).map(decodeSegment);
      const matching = compiled
        .map((entry) => ({ route: entry.route, params: matchSegments(entry.segments, segments) }))
        .filter((m): m is RouteMatch => m.params !== undefined);
      const hit = matching.find((m) => m.route.method === method);
      if (hit) return hit;
      if (matching.length > 0) throw ERR_METHOD_NOT_ALLOWED;
      const usage = compiled.find((c) => c.route.usage && startsWith(segments, c.prefix))?.route.usage;
      throw usage ? ERR_ROUTE_NOT_FOUND.withDetail(usage) : ERR_ROUTE_NOT_FOUND;
    },
  };
}

function compile(route: ControlRoute): CompiledRoute {
  const segments = route.pattern.split('/').filter(Boolean);
  const firstParam = segments.findIndex((s) => s.startsWith(':') || s.startsWith('*'));
  const wildcard = segments.findIndex((s) => s.startsWith('*'));
  if (wildcard >= 0 && wildcard !== segments.length - 1)
    throw new Error(`Failed to build the control API: in ${route.pattern}, ${segments[wildcard]} must come last.`);
  return { route, segments, prefix: firstParam < 0 ? segments : segments.slice(0, firstParam) };
}

function matchSegments(pattern: readonly string[], path: readonly string[]): RouteParams | undefined {
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    if (part.startsWith('*')) {
      if (path.length <= i) return undefined;
      params[part.slice(1)] = path.slice(i).join('/');
      return params;
    }
    const segment = path[i];
    if (segment === undefined) return undefined;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return path.length === pattern.length ? params : undefined;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.every((segment, i) => path[i] === segment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ERR_BAD_QUERY.withDetail(`bad percent-encoding in path segment "${segment}"`);
  }
}
