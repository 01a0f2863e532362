/**
 * Route of the Logs Ingestion API: `POST /dataCollectionRules/{ruleId}/streams/{stream}`.
 */

export interface UploadRoute {
  readonly ruleId: string;
  readonly stream: string;
}

export const OPERATION_UPLOAD = 'Upload';
/** Every operation the Logs Ingestion fake's classifier can name. */
export const SENTINEL_OPERATIONS = [OPERATION_UPLOAD, 'Unknown'] as const;
export type SentinelOperation = (typeof SENTINEL_OPERATIONS)[number];

const UPLOAD_PATH = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)\/?$/i;

/** The rule id and stream (percent-decoded), or undefined when the path is not an upload path. */
export function matchUploadRoute(path: string): UploadRoute | undefined {
  const match = UPLOAD_PATH.exec(path);
  if (!match) return undefined;
  return { ruleId: decodeSegment(match[1]), stream: decodeSegment(match[2]) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
