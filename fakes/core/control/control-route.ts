/**
 * One entry of the control API's routing table: a method, a path pattern and a handler. The core
 * contributes the fault, reset and journal routes; each fake service contributes its own (seeding,
 * reading its state), so the control API itself names no service.
 *
 * Patterns are `/`-separated: a literal segment matches itself, `:name` one segment and `*name`
 * one or more segments, joined with `/` (so `*key` can hold an S3 key). Segments are percent-decoded
 * before matching and empty segments are ignored.
 *
 * @example
 *   defineControlRoute({
 *     method: 'PUT',
 *     pattern: '/__chaos/keyvault/secrets/:name',
 *     async handle(request) {
 *       store.set(request.params.name, (await request.body()).toString('utf8'));
 *       return { status: 200, json: { name: request.params.name } };
 *     },
 *   });
 */
import type { IncomingHttpHeaders } from 'node:http';

export type ControlMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The parameters a pattern captures: `'/a/:id/*rest'` → `{ id: string } & { rest: string }`. */
export type ParamsOf<Pattern extends string> = Pattern extends `${infer Head}/${infer Rest}`
  ? ParamOf<Head> & ParamsOf<Rest>
  : ParamOf<Pattern>;
type ParamOf<Segment extends string> = Segment extends `:${infer Name}` | `*${infer Name}`
  ? Record<Name, string>
  : unknown;

export type RouteParams = Readonly<Record<string, string>>;

export interface ControlRequest<Params = RouteParams> {
  readonly params: Params;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The raw body; a body over the limit or cut short by the client is a 400. */
  body(): Promise<Buffer>;
  /** The body parsed as JSON; anything else is a 400. */
  json(): Promise<unknown>;
}

/** What a handler answers: one JSON document, or a stream of them (NDJSON) that stays open. */
export type ControlReply =
  | { readonly status: number; readonly json: unknown }
  /** Called once the stream is open; returns what to do when it closes (e.g. unsubscribe). */
  | { readonly ndjson: (write: (value: unknown) => void) => () => void };

export interface ControlRoute<Params = RouteParams> {
  readonly method: ControlMethod;
  readonly pattern: string;
  /** Added to the 404 for a path under this route's literal prefix that matches no route. */
  readonly usage?: string;
  /** Throws a `ChaosApiError` to answer with its status; any other error is a 500. */
  handle(request: ControlRequest<Params>): ControlReply | Promise<ControlReply>;
}

/** Keeps `request.params` typed by the route's own pattern. */
export function defineControlRoute<Pattern extends string>(route: {
  readonly method: ControlMethod;
  readonly pattern: Pattern;
  readonly usage?: string;
  handle(request: ControlRequest<ParamsOf<Pattern>>): ControlReply | Promise<ControlReply>;
}): ControlRoute {
  const names = route.pattern
    .split('/')
    .filter((segment) => segment.startsWith(':') || segment.startsWith('*'))
    .map((segment) => segment.slice(1));
  return {
    ...route,
    handle: (request) => route.handle({ ...request, params: paramsOf(route.pattern, names, request.params) }),
  };
}

function paramsOf<Pattern extends string>(
  pattern: Pattern,
  names: readonly string[],
  params: RouteParams,
): ParamsOf<Pattern> {
  const missing = names.filter((name) => params[name] === undefined);
  if (missing.length > 0)
    throw new Error(`Failed to route to ${pattern}: no value for ${missing.join(', ')}. Match it with route-table.ts.`);
  // @note The check above is what the type says: every parameter the pattern names has a string.
  return params as ParamsOf<Pattern>;
}
