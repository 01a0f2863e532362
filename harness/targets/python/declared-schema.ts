/**
 * The python target's declared record schema, read from the checkout itself: the `firewall` table
 * of `config/tables.yaml` (columns, types, required) and its `transformations.firewall.field_mappings`
 * (source field → column), plus the two mappings the connector documents in code rather than in
 * the file: the parser's timestamp → `TimeGenerated`, and the router's metadata columns
 * `DataClassification` and `SchemaVersion` (connector-contract §2.4). What the checkout declares is
 * what "intact" means for it; nothing here is tuned to what the code happens to send.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ColumnType, DeclaredColumn, DeclaredSchema, SourceField } from '../../domain/record-schema.js';
import { SOURCE_FIELDS } from '../../domain/record-schema.js';
import { UsageError } from '../../errors.js';

const TABLES_FILE = 'config/tables.yaml';
const TYPES: readonly ColumnType[] = ['string', 'integer', 'long', 'datetime'];

interface TablesYaml {
  tables?: { firewall?: { fields?: { name?: unknown; type?: unknown; required?: unknown }[] } };
  transformations?: { firewall?: { field_mappings?: Record<string, unknown> } };
}

export async function readDeclaredSchema(checkoutDir: string): Promise<DeclaredSchema> {
  const path = join(checkoutDir, TABLES_FILE);
  let doc: TablesYaml;
  try {
    doc = (parse(await readFile(path, 'utf8')) ?? {}) as TablesYaml;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Failed to read the connector's declared schema ${path}: ${why}. Is this a connector checkout?`,
    );
  }
  const fields = doc.tables?.firewall?.fields ?? [];
  // The parser's first field is the timestamp, which it turns into TimeGenerated (connector-contract §4.5).
  const mappings: Record<string, unknown> = {
    timestamp: 'TimeGenerated',
    ...doc.transformations?.firewall?.field_mappings,
  };
  const columns: DeclaredColumn[] = [];
  for (const [source, column] of Object.entries(mappings)) {
    if (typeof column !== 'string' || !(SOURCE_FIELDS as readonly string[]).includes(source)) continue;
    const field = fields.find((f) => f.name === column);
    const type = TYPES.includes(field?.type as ColumnType) ? (field?.type as ColumnType) : 'string';
    columns.push({ name: column, source: source as SourceField, type, required: field?.required === true });
  }
  if (columns.length <= 1)
    throw new UsageError(
      `Failed to read the connector's declared schema ${path}: no firewall field mappings found. ` +
        'Check tables.firewall.fields and transformations.firewall.field_mappings.',
    );
  return {
    origin: `checkout ${TABLES_FILE} (table firewall, field_mappings) + documented timestamp → TimeGenerated`,
    columns,
    metadata: ['DataClassification', 'SchemaVersion'],
  };
}
