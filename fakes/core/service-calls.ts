/**
 * Calls into a ServiceDefinition that can never throw past the server: the handler's exceptions
 * become the service's own 500 envelope, and an envelope that throws becomes a plain-text error.
 */
import type { RequestRecorder } from './request-recorder.js';
import type {
  ClassifiedRequest,
  FakeRequest,
  FakeRequestHead,
  FakeResponse,
  ServiceDefinition,
} from './service-definition.js';

export async function safeHandle(
  definition: ServiceDefinition,
  request: FakeRequest,
  classified: ClassifiedRequest,
  recorder: Pick<RequestRecorder, 'addNote'>,
): Promise<FakeResponse> {
  try {
    return await definition.handle(request, classified);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recorder.addNote(`handler threw: ${message}`);
    return safeErrorResponse(
      definition,
      500,
      undefined,
      'We encountered an internal error. Please try again.',
      request,
      classified,
    );
  }
}

export function safeErrorResponse(
  definition: ServiceDefinition,
  status: number,
  code: string | undefined,
  message: string,
  request: FakeRequestHead,
  classified: ClassifiedRequest,
): FakeResponse {
  try {
    const resolvedCode = code ?? definition.defaultErrorCode(status, classified);
    return definition.errorResponse(status, resolvedCode, message, request, classified);
  } catch (error) {
    return {
      status,
      headers: { 'content-type': 'text/plain' },
      body: `${message} (error envelope failed: ${(error as Error).message})`,
    };
  }
}
