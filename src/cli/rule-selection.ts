import { BUILTIN_DIAGNOSTICS } from '../core/diagnostics.js';
import { LEVEL_WORDS, levelOf, type Level } from '../core/severity.js';
import type { RuleSetting } from '../engine/lint.js';
import { didYouMean } from '../config/closest.js';
import { UsageError } from './discover.js';
import type { CatalogueEntry } from './rule-catalogue.js';

/** The command line's choice of rules, as given: `--rule id:level`, `--select a,b`, `--ignore a,b` (each repeatable). */
export interface RuleSelection {
  rule: readonly string[];
  select: readonly string[];
  ignore: readonly string[];
}

/** The ids of a repeatable, comma-separated option (`--select a,b --select c`). */
export function idList(option: string, given: readonly string[] = []): string[] {
  return given.flatMap((value) => {
    const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.length === 0) throw new UsageError(`${option} takes rule ids, comma-separated, got "${value}"`);
    return ids;
  });
}

export function hasSelection(selection: RuleSelection): boolean {
  return selection.rule.length > 0 || selection.select.length > 0 || selection.ignore.length > 0;
}

/**
 * The rule levels after the command line's choice, over the config's: `--select` turns every
 * rule it does not name off (and one it names but the config turned off back on, at its default
 * level), `--ignore` turns off what it names, and `--rule` sets a level last. Options stay the
 * config's. A name selects a rule by its id or by leading words of it (`pdb` is every `pdb-…`
 * rule); an unknown name or level is a usage error with the nearest id.
 */
export function applySelection(settings: ReadonlyMap<string, RuleSetting>, selection: RuleSelection, catalogue: readonly CatalogueEntry[]): Map<string, RuleSetting> {
  const result = new Map(settings);
  if (!hasSelection(selection)) return result;
  const selected = selection.select.length > 0 ? new Set(selection.select.flatMap((name) => matching(name, '--select', catalogue))) : undefined;
  const ignored = new Set(selection.ignore.flatMap((name) => matching(name, '--ignore', catalogue)));
  const levels = new Map(selection.rule.map((text) => ruleLevel(text, catalogue)));
  for (const entry of catalogue) {
    const configured = settings.get(entry.id) ?? { level: entry.defaultLevel, options: {} };
    let level = configured.level;
    if (selected && !selected.has(entry.id)) level = 'off';
    else if (selected && level === 'off') level = entry.defaultLevel;
    if (ignored.has(entry.id)) level = 'off';
    level = levels.get(entry.id) ?? level;
    if (level !== configured.level) result.set(entry.id, { ...configured, level });
  }
  return result;
}

/** The ids `name` selects: itself, or every id that starts with it followed by `-`. */
function matching(name: string, option: string, catalogue: readonly CatalogueEntry[]): string[] {
  const ids = catalogue.filter((e) => e.id === name || e.id.startsWith(`${name}-`)).map((e) => e.id);
  if (ids.length === 0) throw new UsageError(`${option}: ${unknownId(name, catalogue)}`);
  return ids;
}

/** `id:level`, as ESLint's `--rule` takes it. */
function ruleLevel(text: string, catalogue: readonly CatalogueEntry[]): [string, Level] {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new UsageError(`--rule takes id:level (e.g. --rule pdb-missing:error), got "${text}"`);
  const id = text.slice(0, colon).trim();
  const word = text.slice(colon + 1).trim();
  if (!catalogue.some((e) => e.id === id)) throw new UsageError(`--rule ${text}: ${unknownId(id, catalogue, false)}`);
  const level = levelOf(word);
  if (!level) throw new UsageError(`--rule ${text}: unknown level "${word}": use off, warn (or warning) or error${didYouMean(word, Object.keys(LEVEL_WORDS))}`);
  return [id, level];
}

function unknownId(name: string, catalogue: readonly CatalogueEntry[], byPrefix = true): string {
  if (BUILTIN_DIAGNOSTICS.some((d) => d.id === name && !d.configurable)) return `"${name}" is always reported (a file, chart or overlay that was not linted is never silenced)`;
  const what = byPrefix ? `no rule is named "${name}" or starts with "${name}-"` : `unknown rule "${name}"`;
  return `${what}${didYouMean(name, catalogue.map((e) => e.id))}; "gpu-drain-lint rules" lists them`;
}
