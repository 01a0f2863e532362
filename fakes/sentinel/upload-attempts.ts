/**
 * Every upload the Logs Ingestion fake received with its body, whatever answered it (the service,
 * or an injected error, reset or silence): which records it carried, and whose call it was. A
 * harness can then ask of each failed call where its records went (failed-call accounting).
 */
export interface UploadAttempt {
  readonly requestId: string;
  /** The SDK's id for the logical call (`x-ms-client-request-id`), the same on each retry. */
  readonly clientRequestId?: string;
  /** The client's label from its endpoint path, when it had one. */
  readonly origin?: string;
  /** The records in the body, or empty when it did not decode (`error` says why). */
  readonly records: readonly unknown[];
  readonly error?: string;
}

export type UploadAttemptListener = (attempt: UploadAttempt) => void;

export interface UploadAttempts {
  subscribe(listener: UploadAttemptListener): () => void;
}

export interface UploadAttemptsPublisher extends UploadAttempts {
  /** True while someone is subscribed: an attempt (and its records) need only be built then. */
  readonly listening: boolean;
  publish(attempt: UploadAttempt): void;
}

export function createUploadAttempts(): UploadAttemptsPublisher {
  const listeners = new Set<UploadAttemptListener>();
  return {
    get listening() {
      return listeners.size > 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    publish(attempt) {
      for (const listener of listeners) {
        try {
          listener(attempt);
        } catch {
          // A failing observer must not fail the upload the SDK is waiting on.
        }
      }
    },
  };
}
