/**
 * Which metric names a PromQL expression selects, read with Prometheus's own PromQL grammar
 * (@prometheus-io/lezer-promql, published from the prometheus repository): every vector
 * selector's name, and `{__name__="…"}` equality matchers. No regexes over PromQL text.
 */
import { parser } from '@prometheus-io/lezer-promql';

/**
 * @example ruleMetrics('rate(s3_sentinel_failed_records_total[5m]) > 0.1') // ['s3_sentinel_failed_records_total']
 */
export function ruleMetrics(expr: string): string[] {
  const names = new Set<string>();
  const tree = parser.parse(expr);
  const text = (from: number, to: number): string => expr.slice(from, to);
  tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const first = node.node.firstChild;
        if (first?.name === 'Identifier') names.add(text(first.from, first.to));
      }
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const label = node.node.getChild('LabelName') ?? node.node.getChild('QuotedLabelName');
        const op = node.node.getChild('MatchOp');
        const value = node.node.getChild('StringLiteral');
        if (label && op && value && text(label.from, label.to).replace(/"/g, '') === '__name__') {
          if (text(op.from, op.to) === '=') names.add(JSON.parse(text(value.from, value.to).replace(/^'|'$/g, '"')));
        }
      }
    },
  });
  return [...names].sort();
}
