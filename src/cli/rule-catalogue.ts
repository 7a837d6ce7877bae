import { CONFIGURABLE_DIAGNOSTICS } from '../core/diagnostics.js';
import type { FixSafety, Level, Severity } from '../core/severity.js';
import type { RuleSetting } from '../engine/lint.js';
import type { Rule } from '../engine/rule.js';

/** What a user can configure, select and explain by id: every rule, and the diagnostics a config may set the level of. */
export interface CatalogueEntry {
  id: string;
  /** A rule of the registry, or a diagnostic the engine reports itself (README "Diagnostics that are not rules"). */
  kind: 'rule' | 'diagnostic';
  defaultLevel: Severity;
  fix: FixSafety;
  description: string;
  /** The rule's doc (docs/rules/<id>.md, or a policy's `docs`); diagnostics have none. */
  docsUrl?: string;
  /** A config policy's help (its description, match, target and checks), which has no docs/rules page. */
  help?: string;
}

/** The registry's rules in catalogue order, then the configurable diagnostics. */
export function ruleCatalogue(registry: readonly Rule[]): CatalogueEntry[] {
  return [
    ...registry.map(
      ({ meta }): CatalogueEntry => ({
        id: meta.id,
        kind: 'rule',
        defaultLevel: meta.defaultSeverity,
        fix: meta.fixable,
        description: meta.description,
        ...(meta.docsUrl ? { docsUrl: meta.docsUrl } : {}),
        ...(meta.help ? { help: meta.help } : {}),
      }),
    ),
    ...CONFIGURABLE_DIAGNOSTICS.map((d): CatalogueEntry => ({ id: d.id, kind: 'diagnostic', defaultLevel: d.defaultSeverity, fix: 'none', description: d.description })),
  ];
}

/** The level an entry runs at under these settings (a config's, with the command line's selection applied). */
export function effectiveLevel(entry: CatalogueEntry, settings: ReadonlyMap<string, RuleSetting>): Level {
  return settings.get(entry.id)?.level ?? entry.defaultLevel;
}
