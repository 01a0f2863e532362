/**
 * Which S3 objects are already handled, keyed by key + ETag, persisted atomically in
 * `<stateDir>/progress.json`. An object is handled once every record in it was delivered, stored in
 * a failed-batch file or rejected with a reason, so a restart resumes without duplicates.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProgressEntry {
  readonly key: string;
  readonly etag: string;
  readonly records: number;
  readonly delivered: number;
  readonly stored: number;
  readonly rejected: number;
  /** True for an object skipped as not eligible (wrong suffix, temp file, empty). */
  readonly skipped?: boolean;
  readonly handledAtMs: number;
}

interface ProgressFile {
  readonly version: 1;
  readonly objects: Record<string, ProgressEntry>;
}

const entryId = (key: string, etag: string): string => `${key}\u0000${etag}`;

export class ProgressStore {
  private objects = new Map<string, ProgressEntry>();
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  readonly path: string;

  constructor(readonly stateDir: string) {
    this.path = join(stateDir, 'progress.json');
  }

  /** Loads the file if present. A corrupt file is an error: silently starting over would duplicate everything. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const parsed = JSON.parse(text) as ProgressFile;
    if (parsed.version !== 1 || typeof parsed.objects !== 'object') {
      throw new Error(`Failed to load progress ${this.path}: unknown format. Move it away to re-ingest every object.`);
    }
    this.objects = new Map(Object.entries(parsed.objects));
  }

  isHandled(key: string, etag: string): boolean {
    return this.objects.has(entryId(key, etag));
  }

  get size(): number {
    return this.objects.size;
  }

  /** Records the object and writes the file (writes are serialised; each is tmp + rename). */
  markHandled(entry: ProgressEntry): Promise<void> {
    this.objects.set(entryId(entry.key, entry.etag), entry);
    return this.flush();
  }

  /**
   * Resolves once a write that started after this call is on disk. Calls made while a write is
   * queued share it: it takes its snapshot when it starts, so it holds their entries too. (One
   * write per object made a backlog of thousands quadratic: each wrote every entry so far.)
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    // A failed earlier write must not block later ones; its error went to its own caller.
    const write = this.writing
      .catch(() => undefined)
      .then(async () => {
        this.queued = null; // from here on, a new entry needs the next write
        const snapshot: ProgressFile = { version: 1, objects: Object.fromEntries(this.objects) };
        await mkdir(this.stateDir, { recursive: true });
        const tmp = `${this.path}.${process.pid}.tmp`;
        await writeFile(tmp, `${JSON.stringify(snapshot, null, 2)}\n`);
        await rename(tmp, this.path);
      });
    this.queued = write;
    this.writing = write;
    return write;
  }
}
