/**
 * What the harness reads from a checkout's Dockerfile and Deployment manifest before building:
 * the base images it pulls (every `FROM` that is not an earlier stage), and the replica count
 * the Deployment runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * @example externalBaseImages('FROM python:3.12-slim AS builder\nFROM python:3.12-slim\n') // ['python:3.12-slim']
 */
export function externalBaseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!match) continue;
    const image = match[1];
    if (!stages.has(image.toLowerCase()) && image !== 'scratch' && !bases.includes(image)) bases.push(image);
    if (match[2]) stages.add(match[2].toLowerCase());
  }
  return bases;
}

/** Where the connector keeps its manifests; the base Deployment is what every overlay starts from. */
const MANIFEST_DIRS = ['deployment/kubernetes/base', 'deployment/kubernetes', 'k8s', 'kubernetes'] as const;

/**
 * The `spec.replicas` of the checkout's Deployment, with the file it came from, or null when the
 * checkout has none.
 */
export function readDeploymentReplicas(checkoutDir: string): { replicas: number; file: string } | null {
  for (const dir of MANIFEST_DIRS) {
    const full = join(checkoutDir, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const file = join(dir, name);
      let docs: unknown[];
      try {
        docs = parseAllDocuments(readFileSync(join(checkoutDir, file), 'utf8')).map((d) => d.toJS());
      } catch {
        continue;
      }
      for (const doc of docs) {
        const d = doc as { kind?: unknown; spec?: { replicas?: unknown } } | null;
        if (d?.kind === 'Deployment' && typeof d.spec?.replicas === 'number' && d.spec.replicas >= 1)
          return { replicas: d.spec.replicas, file };
      }
    }
  }
  return null;
}
