/**
 * Route of the Logs Ingestion API: `POST /dataCollectionRules/{ruleId}/streams/{stream}`.
 *
 * An endpoint may carry a label for its client before that path, `/~<label>/dataCollectionRules/…`:
 * the harness gives each process it launches its own endpoint (`https://…/~replay-failed`), so an
 * upload can be credited to the process that made it. SDKs keep a base URL's path as it is.
 */

export interface UploadRoute {
  readonly ruleId: string;
  readonly stream: string;
  readonly origin?: string;
}

export const OPERATION_UPLOAD = 'Upload';
/** Every operation the Logs Ingestion fake's classifier can name. */
export const SENTINEL_OPERATIONS = [OPERATION_UPLOAD, 'Unknown'] as const;
export type SentinelOperation = (typeof SENTINEL_OPERATIONS)[number];

const UPLOAD_PATH = /^(?:\/~([A-Za-z0-9._-]{1,64}))?\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)\/?$/i;

/** The rule id and stream (percent-decoded), or undefined when the path is not an upload path. */
export function matchUploadRoute(path: string): UploadRoute | undefined {
  const match = UPLOAD_PATH.exec(path);
  if (!match) return undefined;
  const route = { ruleId: decodeSegment(match[2]), stream: decodeSegment(match[3]) };
  return match[1] === undefined ? route : { ...route, origin: match[1] };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
