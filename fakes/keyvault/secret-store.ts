/**
 * Secrets with versions, as Key Vault keeps them: every `set` adds a version, reads without a version
 * see the newest one, and deletion moves the secret (all versions) to a deleted list until purged.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';

export interface SecretAttributes {
  readonly enabled: boolean;
  /** Epoch seconds. */
  readonly notBeforeS?: number;
  readonly expiresS?: number;
}

export interface StoredSecretVersion {
  readonly name: string;
  /** 32 lowercase hex characters, like the real service. */
  readonly version: string;
  readonly value: string;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly attributes: SecretAttributes;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface DeletedSecret {
  readonly latest: StoredSecretVersion;
  readonly deletedAtMs: number;
}

export interface SetSecretOptions {
  readonly contentType?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly attributes?: Partial<SecretAttributes>;
}

export interface SecretStore {
  /** Adds a new version and returns it. */
  set(name: string, value: string, options?: SetSecretOptions): StoredSecretVersion;
  /** The newest version's value, or undefined. */
  get(name: string): string | undefined;
  /** One version (newest when `version` is omitted or empty), or undefined. */
  getVersion(name: string, version?: string): StoredSecretVersion | undefined;
  /** The newest version of every secret, by name. */
  list(): StoredSecretVersion[];
  /** Every version of one secret, oldest first (empty when unknown). */
  versions(name: string): StoredSecretVersion[];
  /** Moves the secret to the deleted list; undefined when it does not exist. */
  delete(name: string): DeletedSecret | undefined;
  getDeleted(name: string): DeletedSecret | undefined;
  /** Removes a deleted secret for good; false when it was not deleted. */
  purge(name: string): boolean;
  clear(): void;
}

export function createSecretStore(clock: Clock): SecretStore {
  // Key Vault names are case-insensitive; keys are lowercased, the stored name keeps its case.
  const secrets = new Map<string, StoredSecretVersion[]>();
  const deleted = new Map<string, DeletedSecret>();

  return {
    set(name, value, options = {}) {
      const nowMs = clock.now();
      const version: StoredSecretVersion = {
        name,
        version: randomBytes(16).toString('hex'),
        value,
        ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
        tags: { ...(options.tags ?? {}) },
        attributes: { enabled: true, ...stripUndefined(options.attributes ?? {}) },
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
      };
      const key = name.toLowerCase();
      deleted.delete(key);
      secrets.set(key, [...(secrets.get(key) ?? []), version]);
      return version;
    },
    get(name) {
      return secrets.get(name.toLowerCase())?.at(-1)?.value;
    },
    getVersion(name, version) {
      const all = secrets.get(name.toLowerCase());
      if (!all) return undefined;
      return version ? all.find((v) => v.version === version.toLowerCase()) : all.at(-1);
    },
    list() {
      return [...secrets.values()].flatMap((all) => all.at(-1) ?? []);
    },
    versions(name) {
      return [...(secrets.get(name.toLowerCase()) ?? [])];
    },
    delete(name) {
      const key = name.toLowerCase();
      const all = secrets.get(key);
      const latest = all?.at(-1);
      if (!latest) return undefined;
      secrets.delete(key);
      const entry = { latest, deletedAtMs: clock.now() };
      deleted.set(key, entry);
      return entry;
    },
    getDeleted(name) {
      return deleted.get(name.toLowerCase());
    },
    purge(name) {
      return deleted.delete(name.toLowerCase());
    },
    clear() {
      secrets.clear();
      deleted.clear();
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
