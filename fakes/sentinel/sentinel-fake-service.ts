/**
 * The Logs Ingestion (Sentinel) fake as a registered service: one https listener
 * (`endpoints.sentinel`), the ingest-reading control routes, `SENTINEL_DCR_ENDPOINT`, and
 * `StartedFakes.ingest` (its store).
 */
import { defineFakeService, type FakeServiceDeps } from '../core/fake-service.js';
import { createSentinelService } from './index.js';
import { createIngestControlRoutes } from './ingest-control-routes.js';
import type { IngestStore } from './ingest-store.js';
import type { UploadAttempts } from './upload-attempts.js';
import { SENTINEL_OPERATIONS } from './upload-route.js';

export interface SentinelFacade {
  /** Records the Logs Ingestion fake accepted. */
  readonly ingest: IngestStore;
  /** Every upload with the records it carried, however it was answered. */
  readonly uploads: UploadAttempts;
}

export const sentinelFake = defineFakeService({
  name: 'sentinel',
  operations: SENTINEL_OPERATIONS,
  create({ clock }: FakeServiceDeps<Record<never, never>>) {
    const definition = createSentinelService({ clock });
    const facade: SentinelFacade = { ingest: definition.store, uploads: definition.attempts };
    return {
      definition,
      listeners: { sentinel: { tls: true, env: ({ url }) => ({ SENTINEL_DCR_ENDPOINT: url }) } },
      controlRoutes: createIngestControlRoutes(definition.store),
      facade,
    };
  },
});
