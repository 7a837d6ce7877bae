import type { CompiledPolicy } from './compile.js';

/** A policy's help, in Markdown: what `explain` prints and SARIF carries as the rule's help. */
export function policyHelp({ spec, target }: CompiledPolicy): string {
  const lines = [`# ${spec.id}`, '', spec.description, '', `A policy of the configuration (default level ${spec.level ?? 'error'}).`, ''];
  const match = spec.match ?? {};
  const conditions = [
    match.kinds && `kinds ${match.kinds.join(', ')}`,
    match.apiGroups && `API groups ${match.apiGroups.map((g) => (g === '' ? '"" (core)' : g)).join(', ')}`,
    match.namespaces && `namespaces ${match.namespaces.join(', ')}`,
    match.labels && `labels ${Object.entries(match.labels).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    `profile ${match.profile ?? 'any'}`,
  ].filter((c): c is string => typeof c === 'string');
  lines.push('## Match', '', conditions.map((c) => `- ${c}`).join('\n'), '', '## Target', '', `\`${target}\``, '');
  if (spec.validations) {
    lines.push('## Validations', '');
    for (const v of spec.validations) {
      lines.push(`- \`${v.expression}\`${v.message ? `: ${v.message}` : ''}${v.messageExpression ? ` (message: \`${v.messageExpression}\`)` : ''}${v.fieldPath ? ` at \`${v.fieldPath}\`` : ''}`);
    }
    lines.push('');
  }
  if (spec.schema !== undefined) lines.push('## Schema', '', '```json', JSON.stringify(spec.schema, null, 2), '```', '');
  if (spec.fix) lines.push('## Fix', '', `Safe: set \`${spec.fix.path}\` to \`${JSON.stringify(spec.fix.value)}\` (where its parent is written).`, '');
  if (spec.docs) lines.push(`Docs: ${spec.docs}`, '');
  return lines.join('\n');
}
