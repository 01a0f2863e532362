/**
 *   GET    /__chaos/faults[?include=removed]   rules with matched / applied / unmatched
 *   POST   /__chaos/faults                     add a FaultRuleSpec → 201 | 400 (every problem) | 409
 *   DELETE /__chaos/faults                     remove all → { removed: N }
 *   GET    /__chaos/faults/:id                 one rule (404 unknown)
 *   DELETE /__chaos/faults/:id                 remove one → its final status; held requests released
 */
import { ERR_FAULT_RULE_NOT_FOUND, InvalidFaultRuleError } from '../errors.js';
import type { FaultEngine } from '../fault-engine.js';
import { validateFaultRuleSpec } from '../validate-fault-rule.js';
import { type ControlRoute, defineControlRoute } from './control-route.js';

export function createFaultRoutes(engine: FaultEngine): ControlRoute[] {
  return [
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/faults',
      handle: ({ query }) => ({
        status: 200,
        json: query.get('include') === 'removed' ? [...engine.removedRules(), ...engine.list()] : engine.list(),
      }),
    }),
    defineControlRoute({
      method: 'POST',
      pattern: '/__chaos/faults',
      async handle(request) {
        const result = validateFaultRuleSpec(await request.json());
        if (!result.ok) throw new InvalidFaultRuleError(result.problems);
        return { status: 201, json: engine.add(result.spec) };
      },
    }),
    defineControlRoute({
      method: 'DELETE',
      pattern: '/__chaos/faults',
      handle() {
        const removed = engine.list().length;
        engine.clear();
        return { status: 200, json: { removed } };
      },
    }),
    defineControlRoute({
      method: 'GET',
      pattern: '/__chaos/faults/:id',
      handle: ({ params }) => ({ status: 200, json: engine.get(params.id) ?? notFound(params.id) }),
    }),
    defineControlRoute({
      method: 'DELETE',
      pattern: '/__chaos/faults/:id',
      handle({ params }) {
        if (!engine.remove(params.id)) notFound(params.id);
        return { status: 200, json: engine.removedRules().at(-1) };
      },
    }),
  ];
}

function notFound(id: string): never {
  throw ERR_FAULT_RULE_NOT_FOUND.withDetail(`"${id}"`);
}
