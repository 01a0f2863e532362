/**
 * A value as its declared column type means it, so a declared coercion is not a change: a datetime
 * is its instant (`2024-01-01T00:00:01.234Z` and `2024-01-01T00:00:01.234000+00:00` are equal), an
 * integer is its number (`"443"` and `443` are equal), a string is its text.
 */
import type { ColumnType } from '../domain/record-schema.js';

export type Normalized = string | number | null;

export function normalizeValue(value: unknown, type: ColumnType): Normalized {
  if (value === undefined || value === null || value === '') return null;
  switch (type) {
    case 'datetime': {
      const ms = typeof value === 'number' ? value : Date.parse(String(value));
      return Number.isFinite(ms) ? ms : `unparseable datetime ${JSON.stringify(value)}`;
    }
    case 'integer':
    case 'long': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) ? n : `not a number ${JSON.stringify(value)}`;
    }
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
