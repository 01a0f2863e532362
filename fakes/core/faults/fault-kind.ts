/**
 * The contract of one fault kind (see ../FAULTS.md). A kind declares its own effect type, validates
 * its own parameters and, when its rule fires, turns the request into a declarative `FaultOutcome`
 * that the server carries out:
 *
 *   FaultEngine.decide ─▶ kind.apply(ctx) ─▶ outcome ─▶ fake-server writes / resets / truncates
 *                                             │
 *                                  passthrough ─▶ ServiceDefinition.handle
 *
 * `FaultEffect` (types.ts) is the union of the effect types of the kinds listed in registry.ts, so
 * a new kind is one file here plus one entry in that list.
 */
import type { Clock } from '../clock.js';
import type { ClassifiedRequest, FakeRequest, FakeResponse, ServiceDefinition } from '../service-definition.js';
import type { Problems } from './field-checks.js';

/** The shape every effect type has: its kind's name, plus the kind's own parameters. */
export interface FaultEffectBase {
  readonly kind: string;
}

/** What a fault kind sees of the rule that fired. */
export interface FiredRule {
  readonly id: string;
  readonly description?: string;
}

export interface FaultContext<E extends FaultEffectBase = FaultEffectBase> {
  readonly effect: E;
  readonly rule: FiredRule;
  /** At stage `head` the body has not been read yet: `request.body` is empty. */
  readonly request: FakeRequest;
  readonly classified: ClassifiedRequest;
  readonly definition: ServiceDefinition;
  readonly clock: Clock;
  /** Target-time multiplier of this run (1 = real time). */
  readonly timeScale: number;
  /** Aborted when the client goes away or the server stops; every wait must honour it. */
  readonly signal: AbortSignal;
  /** Rule-seeded uniform numbers in [0, 1), reproducible for a given run seed. */
  random(): number;
  /** Converts a rule's target ms into wall ms on this run's clock. */
  toWallMs(targetMs: number): number;
  /** Resolves when this rule is removed (or at once if it already is). */
  whenRuleRemoved(): Promise<void>;
  /**
   * Runs the service's own handler; an exception becomes the service's 500 envelope.
   * Rejects at stage `head`, where there is no body to hand to the service yet.
   */
  runHandler(): Promise<FakeResponse>;
  /** The service-shaped error for `status` (code defaults to the service's code for the status). */
  errorResponse(status: number, code?: string, message?: string): FakeResponse;
}

/** What the server must do once a fault has run. */
export type FaultOutcome =
  /** Let the service answer as normal (at stage `head`: read the body first). */
  | { readonly type: 'passthrough' }
  /** Write this response instead of the service's. */
  | { readonly type: 'respond'; readonly response: FakeResponse }
  /** TCP RST: `socket.resetAndDestroy()`, no status written. */
  | { readonly type: 'reset' }
  /** The request was held and is now abandoned: destroy the socket without a response. */
  | { readonly type: 'abandon' }
  /** Send headers with the full Content-Length, then only `keepBytes` of the body, then destroy. */
  | { readonly type: 'truncate'; readonly response: FakeResponse; readonly keepBytes: number };

/**
 * When a kind runs: `body` (default) once the whole request body has been read, `head` as soon as
 * the request line and headers have arrived, before any of the body is read.
 */
export type FaultStage = 'head' | 'body';

export interface FaultKindDefinition<E extends FaultEffectBase = FaultEffectBase> {
  readonly kind: E['kind'];
  /** Fields this kind accepts besides `kind`. */
  readonly fields: readonly string[];
  /** Default `body`. */
  readonly stage?: FaultStage;
  /** Pushes every problem of `effect` (already known to be an object of this kind) onto `problems`. */
  validate(effect: Record<string, unknown>, path: string, problems: Problems): void;
  apply(ctx: FaultContext<E>): Promise<FaultOutcome>;
}

/**
 * Declares a kind against its own effect type, which is how the kind joins the `FaultEffect` union.
 *
 * @example
 *   export interface ResetEffect { readonly kind: 'reset' }
 *   export const resetFault = defineFaultKind<ResetEffect>({ kind: 'reset', fields: [], validate() {},
 *     async apply() { return { type: 'reset' }; } });
 */
export function defineFaultKind<E extends FaultEffectBase>(definition: FaultKindDefinition<E>): FaultKindDefinition<E> {
  return definition;
}

/** The effect type a kind definition was declared with. */
export type EffectOfKind<D> = D extends FaultKindDefinition<infer E> ? E : never;
