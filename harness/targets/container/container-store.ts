/**
 * A replica's failed-batch store, read from inside its container wherever the process really
 * writes it (`<working dir>/failed_batches`: the router writes relative to its cwd), by copying
 * the directory out (the archive API, like `podman cp`). That also works on a stopped container,
 * so the last read after `stop` still sees what the process left. When the replica's container is
 * recreated, the store is the new container's: `generation` counts those replacements.
 */
import type Dockerode from 'dockerode';
import type { FailedBatchEntry, FailedBatchSource } from '../target.js';
import { readTar } from './read-tar.js';

export interface ReplicaStore extends FailedBatchSource {
  /** The replica's current container (a recreate replaces it). */
  attach(container: Dockerode.Container, containerName: string): void;
}

export function createReplicaStore(storeDir: string): ReplicaStore {
  let current: { container: Dockerode.Container; name: string } | null = null;
  let generation = -1;
  return {
    describe: () => `${storeDir} in container ${current?.name ?? '(none yet)'} (its own filesystem)`,
    generation: () => Math.max(0, generation),
    attach(container, name) {
      current = { container, name };
      generation += 1;
    },
    async list(): Promise<readonly FailedBatchEntry[] | null> {
      const target = current;
      if (!target) return [];
      let archive: Buffer;
      try {
        archive = await readStream(await target.container.getArchive({ path: storeDir }));
      } catch (error) {
        // 404: the directory does not exist yet (nothing failed so far). Anything else: unreadable now.
        return (error as { statusCode?: number }).statusCode === 404 ? [] : null;
      }
      if (current !== target) return null; // Replaced while reading: say nothing this time.
      const top = `${storeDir.split('/').filter(Boolean).pop()}/`;
      return readTar(archive)
        .filter((f) => f.path.startsWith(top) && !f.path.slice(top.length).includes('/') && f.path.endsWith('.json'))
        .map((f) => ({ name: f.path.slice(top.length), read: async () => f.content.toString('utf8') }));
    },
  };
}

function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
