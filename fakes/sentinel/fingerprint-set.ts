/**
 * A set of fingerprints: the first 96 bits of the SHA-1 of each member (a record's canonical JSON
 * for the ingest store's `distinct` count, an upload body for its repeat check), kept in one
 * open-addressing table of `Uint32Array` words.
 *
 * @note Why a typed-array table rather than a `Set<string>` of digests: the set only ever grows
 * (every distinct record since the last clear), and millions of small digest strings made every
 * major GC slower while the fake was taking uploads. Here the GC sees one buffer. 96 bits keep a
 * false "duplicate" out of reach (collision odds ≈ n² / 2^97, about 10^-15 for 10 million records).
 */
import { digest } from '../core/digest.js';

export interface FingerprintSet {
  /** Adds the fingerprint of `data` (a string is hashed as UTF-8); true when it was not in the set yet. */
  add(data: string | Buffer): boolean;
  has(data: string | Buffer): boolean;
  readonly size: number;
  clear(): void;
}

const WORDS = 3; // 96 bits per slot

/** `initialSlots` (a power of two) sizes the table; it doubles whenever it is half full. */
export function createFingerprintSet(initialSlots = 1 << 16): FingerprintSet {
  let slots = initialSlots;
  let table = new Uint32Array(slots * WORDS);
  let size = 0;

  // All-zero words mark an empty slot; a digest whose 96 bits are all zero is stored with w2 = 1.
  const insert = (into: Uint32Array, mask: number, w0: number, w1: number, w2: number, store = true): boolean => {
    for (let slot = w0 & mask; ; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      const a = into[at];
      const b = into[at + 1];
      const c = into[at + 2];
      if (a === 0 && b === 0 && c === 0) {
        if (!store) return true;
        into[at] = w0;
        into[at + 1] = w1;
        into[at + 2] = w2;
        return true;
      }
      if (a === w0 && b === w1 && c === w2) return false;
    }
  };

  const grow = (): void => {
    const old = table;
    slots *= 2;
    table = new Uint32Array(slots * WORDS);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at] !== 0 || old[at + 1] !== 0 || old[at + 2] !== 0)
        insert(table, slots - 1, old[at], old[at + 1], old[at + 2]);
    }
  };

  /** Looks `data` up; with `store`, inserts it when missing. True when it was missing. */
  const lookUp = (data: string | Buffer, store: boolean): boolean => {
    const d = digest('sha1', data, 'binary');
    const w0 = word(d, 0);
    const w1 = word(d, 4);
    let w2 = word(d, 8);
    if (w0 === 0 && w1 === 0 && w2 === 0) w2 = 1;
    return insert(table, slots - 1, w0, w1, w2, store);
  };

  return {
    add(data) {
      if (!lookUp(data, true)) return false;
      size++;
      if (size * 2 > slots) grow(); // load factor <= 1/2 keeps linear probes short
      return true;
    },
    has(data) {
      return !lookUp(data, false);
    },
    get size() {
      return size;
    },
    clear() {
      slots = initialSlots;
      table = new Uint32Array(slots * WORDS);
      size = 0;
    },
  };
}

/** Four bytes of a 'binary' (latin1) digest string as an unsigned 32-bit word. */
function word(digest: string, offset: number): number {
  return (
    (digest.charCodeAt(offset) |
      (digest.charCodeAt(offset + 1) << 8) |
      (digest.charCodeAt(offset + 2) << 16) |
      (digest.charCodeAt(offset + 3) << 24)) >>>
    0
  );
}
