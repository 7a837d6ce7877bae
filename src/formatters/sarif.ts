import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { BUILTIN_DIAGNOSTICS } from '../core/diagnostics.js';
import { runCoverage } from '../core/coverage.js';
import type { Finding } from '../core/findings.js';
import type { RuleMeta } from '../engine/rule.js';
import { ruleDoc } from '../engine/rule-docs.js';
import type { Formatter } from './types.js';

/** Diagnostics that appear as results but are not rules of the registry. */
const DIAGNOSTICS: readonly Pick<RuleMeta, 'id' | 'description' | 'defaultSeverity'>[] = BUILTIN_DIAGNOSTICS;
const GITHUB_DESCRIPTION_LIMIT = 1024;
const INFORMATION_URI = 'https://github.com/gpu-drain-lint/gpu-drain-lint';

/**
 * SARIF 2.1.0 for code scanning: one run, every rule with its doc as help, each result at the
 * offending field (not line 1), with fingerprints, fixes, suppressions and logical locations.
 */
export const sarif: Formatter = (results, context) => {
  const metas = [...context.rules, ...DIAGNOSTICS];
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gpu-drain-lint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: metas.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: context.notifications?.every((n) => n.level !== 'error' || n.recoverable) ?? true,
            toolExecutionNotifications: [
              ...(context.notifications ?? []).map((n) => ({ level: n.level, message: { text: n.message } }) satisfies Sarif.Notification),
              ...results.flatMap((r) =>
                r.findings
                  .filter((f) => f.fatal)
                  .map(
                    (f): Sarif.Notification => ({
                      level: 'error',
                      message: { text: `${r.path} was not linted: ${f.message}` },
                      locations: [location(r.path, f)],
                    }),
                  ),
              ),
            ],
          },
        ],
        // What the run judged: the linted files, the workloads in them, and the kinds it saw but did not judge.
        properties: { coverage: runCoverage(results) },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) => {
          const seen = new Map<string, number>();
          return r.findings
            .filter((f) => !context.quiet || f.severity === 'error')
            .map((f): Sarif.Result => {
              const occurrence = seen.get(f.fingerprint) ?? 0;
              seen.set(f.fingerprint, occurrence + 1);
              return {
                ruleId: f.ruleId,
                ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
                level: f.severity === 'error' ? 'error' : 'warning',
                message: { text: f.message },
                locations: [
                  {
                    ...location(r.path, f),
                    ...(f.object
                      ? {
                          logicalLocations: [
                            {
                              name: f.object.name ?? f.object.kind,
                              fullyQualifiedName: [f.object.namespace, f.object.kind, f.object.name].filter(Boolean).join('/'),
                              kind: 'object',
                            },
                          ],
                        }
                      : {}),
                  },
                ],
                partialFingerprints: { 'gpuDrainLint/v1': `${f.fingerprint}:${occurrence}` },
                ...(f.fix
                  ? {
                      fixes: [
                        {
                          description: { text: `${f.fix.description} (${f.fix.safety} fix)` },
                          // One change per file: a chart's finding may be fixed in its template and its values.yaml.
                          artifactChanges: [...new Set(f.fix.edits.map((e) => e.path ?? r.path))].map((path) => ({
                            artifactLocation: artifactLocation(path),
                            replacements: f.fix!.edits
                              .filter((e) => (e.path ?? r.path) === path)
                              .map((e) => ({
                                deletedRegion: e.region ?? { charOffset: e.start, charLength: e.end - e.start },
                                insertedContent: { text: e.text },
                              })),
                          })),
                        },
                      ],
                    }
                  : {}),
                ...(f.suppressions
                  ? { suppressions: f.suppressions.map((s) => ({ kind: s.kind, status: 'accepted' as const, ...(s.justification ? { justification: s.justification } : {}) })) }
                  : {}),
              };
            });
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function location(path: string, f: Finding): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(path),
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1) },
    },
  };
}

/**
 * A file under the root as a URI reference relative to %SRCROOT%; one outside it (reported by its
 * absolute path) as an absolute `file://` URI, which takes no base.
 */
function artifactLocation(path: string): Sarif.ArtifactLocation {
  return isAbsolute(path) ? { uri: pathToFileURL(path).href } : { uri: uriOf(path), uriBaseId: '%SRCROOT%' };
}

/** A relative URI reference: `deploy/vllm.yaml`, percent-encoded where needed. */
function uriOf(path: string): string {
  return path
    .split(/[\\/]/)
    .filter((s) => s !== '.')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function ruleDescriptor(meta: Pick<RuleMeta, 'id' | 'description' | 'defaultSeverity'> & Partial<RuleMeta>): Sarif.ReportingDescriptor {
  const doc = meta.help ?? ruleDoc(meta.id);
  const whatItDoes = doc ? section(doc, 'What it does') : undefined;
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: limit(meta.description) },
    fullDescription: { text: limit(whatItDoes ?? meta.description) },
    help: { text: doc ?? meta.description, markdown: doc ?? meta.description },
    ...(meta.docsUrl ? { helpUri: meta.docsUrl } : {}),
    defaultConfiguration: { level: meta.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: {
      tags: ['kubernetes', 'reliability', ...(meta.docsUrl ? ['drain'] : ['diagnostic'])],
      precision: meta.docsUrl ? 'high' : 'very-high',
      ...(meta.fixable ? { fixable: meta.fixable } : {}),
    },
  };
}

function limit(text: string): string {
  return text.length <= GITHUB_DESCRIPTION_LIMIT ? text : `${text.slice(0, GITHUB_DESCRIPTION_LIMIT - 1)}…`;
}

/** A doc section as one paragraph, cut at a sentence end within GitHub's 1024 characters. */
function section(doc: string, heading: string): string | undefined {
  const match = new RegExp(`(?:^|\\n)## ${heading}\\n+([\\s\\S]*?)(?=\\n## |$)`).exec(doc);
  const text = match?.[1]?.replace(/\s+/g, ' ').trim();
  if (!text || text.length <= GITHUB_DESCRIPTION_LIMIT) return text;
  const cut = text.slice(0, GITHUB_DESCRIPTION_LIMIT);
  const sentenceEnd = cut.lastIndexOf('. ');
  return sentenceEnd > 0 ? cut.slice(0, sentenceEnd + 1) : undefined;
}
