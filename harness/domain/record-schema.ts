/**
 * What a target declares it does to a record: which Sentinel column each source field becomes,
 * with which type, and which columns it adds on its own. "Delivered intact" is judged against
 * this declaration (ledger/compare-record.ts): declared renames, type coercions and added
 * metadata columns are allowed, anything else counts as altered.
 */

/** The source fields of a seeded firewall record, as the connector's parser names them. */
export const SOURCE_FIELDS = [
  'timestamp',
  'src_ip',
  'dst_ip',
  'action',
  'rule_name',
  'proto',
  'src_port',
  'dst_port',
  'bytes',
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

export type ColumnType = 'string' | 'integer' | 'long' | 'datetime';

export interface DeclaredColumn {
  /** Column name in Sentinel, e.g. `SourceIP`. */
  readonly name: string;
  /** The source field it is mapped from. */
  readonly source: SourceField;
  readonly type: ColumnType;
  readonly required: boolean;
}

export interface DeclaredSchema {
  /** Where the declaration comes from, for the report (e.g. `checkout config/tables.yaml, table firewall`). */
  readonly origin: string;
  readonly columns: readonly DeclaredColumn[];
  /** Columns the target adds by itself (`DataClassification`, …): allowed, not compared. */
  readonly metadata: readonly string[];
}
