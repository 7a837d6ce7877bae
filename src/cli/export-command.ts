import { relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { rules } from '../../rules/index.js';
import { findConfigFile, loadConfig } from '../config/load.js';
import type { Level } from '../core/severity.js';
import { VALIDATION_ACTIONS, type ValidationAction } from '../policy/export/admission-objects.js';
import { exportAdmissionPolicies, type ExportResult } from '../policy/export/export.js';
import type { TeamPolicy } from '../policy/export/team-policies.js';
import { policyRules } from '../policy/rule.js';
import { UsageError } from './discover.js';
import type { Io } from './io.js';
import { writeOutputFile } from './output-file.js';
import { parseCommandArgs } from './subcommand.js';
import { effectiveLevel, ruleCatalogue } from './rule-catalogue.js';
import { applySelection, idList, type RuleSelection } from './rule-selection.js';
import { packageVersion } from './version.js';

export const EXPORT_HELP = `Usage: gpu-drain-lint export vap [options]

Write ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, Kubernetes 1.30+), each with
its binding, for the built-in rules one object can decide (grace-period-default, prestop-missing,
readiness-missing, startup-probe-missing, liveness-gates-on-load, karpenter-deprecated-annotation)
and for the config's CEL policies, so that the cluster enforces what pre-commit checks. Levels,
options, profiles and workloads come from the config: a rule at error is bound with Deny, one at
warn (and liveness-gates-on-load's short window, a warning in the linter too) with Warn; a rule
that is off is not written. The rules that read other objects (PDBs, Services, NodePools) or what
a shell command sleeps are listed on stderr, and at the top of the output, as not exported.

Options:
  -c, --config <path>          the config to export (default: the nearest .gpu-drain-lint.yaml)
  -o, --output-file <path>     write the YAML there instead of stdout
  --validation-actions <list>  bind every policy with these actions instead (Deny, Warn, Audit;
                               comma-separated): Warn,Audit to try them out first
  --rule <id>:<level>, --select <ids>, --ignore <ids>
                               choose rules as for linting
  -h, --help                   show this help

Try the result with "kubectl apply --dry-run=server -f <file>" before applying it.
`;

export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const [what, ...extra] = positionals;
  if (what !== 'vap' || extra.length > 0) throw new UsageError(what === undefined ? 'export what? gpu-drain-lint export vap' : `cannot export "${positionals.join(' ')}": gpu-drain-lint export vap`);
  const actions = values['validation-actions'] === undefined ? undefined : validationActions(values['validation-actions']);
  const configPath = values.config ?? findConfigFile(io.cwd);
  const config = configPath ? await loadConfig(configPath, rules, io.cwd) : undefined;
  const catalogue = ruleCatalogue([...rules, ...policyRules(config?.policies ?? []).rules]);
  const selection: RuleSelection = { rule: values.rule ?? [], select: idList('--select', values.select), ignore: idList('--ignore', values.ignore) };
  const settings = applySelection(config?.settings ?? new Map(), selection, catalogue);
  const levelOf = (id: string): Level => effectiveLevel(catalogue.find((entry) => entry.id === id)!, settings);
  const result = exportAdmissionPolicies({
    rules: rules.map((rule) => ({ id: rule.meta.id, description: rule.meta.description, level: levelOf(rule.meta.id), options: { ...rule.meta.defaultOptions, ...settings.get(rule.meta.id)?.options } })),
    policies: (config?.policies ?? []).map((policy): TeamPolicy => ({ ...policy.spec, level: levelOf(policy.spec.id) })),
    ...(config ? { config: config.profiles, defaultNamespace: config.defaultNamespace } : {}),
    ...(actions ? { actions } : {}),
  });
  const from = config?.path ? relative(io.cwd, resolve(io.cwd, config.path)) || config.path : undefined;
  const text = render(result, from);
  if (values['output-file']) writeOutputFile(io, values['output-file'], text, 'the policies');
  else io.stdout(text);
  io.stderr(summary(result));
  return 0;
}

function validationActions(list: string): ValidationAction[] {
  const actions = list.split(',').map((action) => action.trim());
  for (const action of actions) {
    if (!(VALIDATION_ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown validation action "${action}": use ${VALIDATION_ACTIONS.join(', ')}`);
  }
  if (actions.includes('Deny') && actions.includes('Warn')) throw new UsageError('Deny and Warn cannot be used together: a denied request is not warned about');
  return actions as ValidationAction[];
}

function render(result: ExportResult, configPath: string | undefined): string {
  const header = [
    `# ValidatingAdmissionPolicies written by gpu-drain-lint ${packageVersion()} export vap${configPath ? ` from ${configPath}` : ''}.`,
    '# Objects a controller creates (ownerReferences set) are not judged again; try with kubectl apply --dry-run=server.',
    ...(result.skipped.length > 0 ? ['# Not exported:', ...result.skipped.map((s) => `#   ${s.id}: ${s.reason}`)] : []),
  ];
  const documents = result.exported.flatMap((e) => e.objects).map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }));
  return `${header.join('\n')}\n${documents.length > 0 ? documents.map((d) => `---\n${d}`).join('') : ''}`;
}

function summary(result: ExportResult): string {
  const lines = [`gpu-drain-lint: exported ${result.exported.length} ${result.exported.length === 1 ? 'policy' : 'policies'}${result.exported.length > 0 ? `: ${result.exported.map((e) => e.id).join(', ')}` : ''}`];
  if (result.skipped.length > 0) lines.push(`not exported: ${result.skipped.map((s) => s.id).join(', ')} (the output's header says why)`);
  return `${lines.join('\n')}\n`;
}

function parse(args: readonly string[]) {
  return parseCommandArgs(args, {
    config: { type: 'string', short: 'c' },
    'output-file': { type: 'string', short: 'o' },
    'validation-actions': { type: 'string' },
    rule: { type: 'string', multiple: true },
    select: { type: 'string', multiple: true },
    ignore: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  }, { positionals: true });
}
