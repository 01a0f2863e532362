import type { BreakerState, ResultRequestPoint } from '../../harness/result/result-schema.js';

/** Colour-blind-aware enough palette: hue plus lane position carry the meaning, text not needed. */
export const BREAKER_COLOURS: Readonly<Record<BreakerState, string>> = {
  CLOSED: '#2e7d32',
  HALF_OPEN: '#f9a825',
  OPEN: '#c62828',
};

export type StatusClass = 'ok' | 'throttled' | 'client-error' | 'server-error' | 'network-error';

export const STATUS_CLASSES: readonly { readonly id: StatusClass; readonly label: string; readonly colour: string }[] =
  [
    { id: 'ok', label: '2xx/3xx', colour: '#43a047' },
    { id: 'throttled', label: '429', colour: '#ef6c00' },
    { id: 'client-error', label: 'other 4xx', colour: '#8e24aa' },
    { id: 'server-error', label: '5xx', colour: '#d32f2f' },
    { id: 'network-error', label: 'no response', colour: '#212121' },
  ];

/** Status 0 (or below 100) means the request never got an HTTP answer: reset, timeout, hang. */
export function classifyRequest(point: Pick<ResultRequestPoint, 'status'>): StatusClass {
  const status = point.status;
  if (status < 100) return 'network-error';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  return 'ok';
}

export const FAULT_LAYER_STYLE = {
  http: { label: 'HTTP fault (fake)', colour: '#e53935' },
  network: { label: 'network fault (toxiproxy)', colour: '#3949ab' },
  store: { label: 'failed-batch store fault', colour: '#8e24aa' },
} as const;

export const LINE_STYLE = {
  failedBatchFiles: { label: 'failed-batch files', colour: '#6d4c41' },
  deliveredRecords: { label: 'delivered records', colour: '#1e88e5' },
} as const;
