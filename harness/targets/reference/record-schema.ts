/**
 * The reference target's own declared mapping of a firewall line to Sentinel columns: every
 * source field becomes a typed column, and it adds two metadata columns, as the real router does.
 */
import type { DeclaredSchema } from '../../domain/record-schema.js';

export const REFERENCE_RECORD_SCHEMA: DeclaredSchema = {
  origin: 'reference target mapping (harness/targets/reference/record-schema.ts)',
  columns: [
    { name: 'TimeGenerated', source: 'timestamp', type: 'datetime', required: true },
    { name: 'SourceIP', source: 'src_ip', type: 'string', required: true },
    { name: 'DestinationIP', source: 'dst_ip', type: 'string', required: true },
    { name: 'Action', source: 'action', type: 'string', required: true },
    { name: 'RuleName', source: 'rule_name', type: 'string', required: false },
    { name: 'Protocol', source: 'proto', type: 'string', required: false },
    { name: 'SourcePort', source: 'src_port', type: 'integer', required: false },
    { name: 'DestinationPort', source: 'dst_port', type: 'integer', required: false },
    { name: 'BytesTransferred', source: 'bytes', type: 'long', required: true },
  ],
  metadata: ['DataClassification', 'SchemaVersion'],
};
