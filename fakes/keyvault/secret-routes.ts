/**
 * Key Vault secret routes and their operation names.
 *
 *   PUT    /secrets/{name}                 SetSecret
 *   GET    /secrets/{name}[/]              GetSecret (newest version; SDKs send the trailing slash)
 *   GET    /secrets/{name}/{version}       GetSecret
 *   GET    /secrets                        ListSecrets
 *   GET    /secrets/{name}/versions        ListSecretVersions
 *   DELETE /secrets/{name}                 DeleteSecret
 *   GET    /deletedsecrets/{name}          GetDeletedSecret (polled by the SDKs' delete pollers)
 *   DELETE /deletedsecrets/{name}          PurgeDeletedSecret
 */

/** Every operation `matchSecretRoute` can name. */
export const SECRET_OPERATIONS = [
  'SetSecret',
  'GetSecret',
  'ListSecrets',
  'ListSecretVersions',
  'DeleteSecret',
  'GetDeletedSecret',
  'PurgeDeletedSecret',
  'Unknown',
] as const;
export type SecretOperation = (typeof SECRET_OPERATIONS)[number];

export interface SecretRoute {
  readonly operation: SecretOperation;
  readonly name?: string;
  readonly version?: string;
  /** Why the route is `Unknown`: no such path (404) or wrong method (405). */
  readonly unknownStatus?: 404 | 405;
}

export function matchSecretRoute(method: string, path: string): SecretRoute {
  const segments = path.split('/').slice(1).map(decodeSegment);
  // `/secrets/name/` → ['secrets', 'name', '']: an empty last segment means "no version".
  if (segments.at(-1) === '' && segments.length > 1) segments.pop();
  const [collection, name, version, extra] = segments;
  if (extra !== undefined) return { operation: 'Unknown', unknownStatus: 404 };

  if (collection === 'secrets') {
    if (name === undefined || name === '') return method === 'GET' ? { operation: 'ListSecrets' } : notAllowed();
    if (version === 'versions') return method === 'GET' ? { operation: 'ListSecretVersions', name } : notAllowed();
    if (version !== undefined) return method === 'GET' ? { operation: 'GetSecret', name, version } : notAllowed();
    switch (method) {
      case 'GET':
        return { operation: 'GetSecret', name };
      case 'PUT':
        return { operation: 'SetSecret', name };
      case 'DELETE':
        return { operation: 'DeleteSecret', name };
      default:
        return notAllowed();
    }
  }
  if (collection === 'deletedsecrets' && name && version === undefined) {
    if (method === 'GET') return { operation: 'GetDeletedSecret', name };
    if (method === 'DELETE') return { operation: 'PurgeDeletedSecret', name };
    return notAllowed();
  }
  return { operation: 'Unknown', unknownStatus: 404 };
}

function notAllowed(): SecretRoute {
  return { operation: 'Unknown', unknownStatus: 405 };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
