/**
 * The benchmark's own logic (never its times): the corpora it builds, with renamed or repeated
 * object names, the targets it judges from a run's figures, and how it tells whether the CLI has
 * `--threads`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error: a plain .mjs script, without type declarations
import * as corpusScript from '../../scripts/bench-corpus.mjs';
// @ts-expect-error: a plain .mjs script, without type declarations
import * as reportScript from '../../scripts/bench-report.mjs';
// @ts-expect-error: a plain .mjs script, without type declarations
import * as measureScript from '../../scripts/bench-measure.mjs';
import { tempDir } from '../support/temp.js';

interface SourceFile {
  path: string;
  text: string;
  documents: number;
}
interface Target {
  name: string;
  value: number | null;
  met: boolean | null;
  note?: string;
}
const corpus = corpusScript as {
  corpusFiles(dir: string): string[];
  writeCorpus(source: SourceFile[], target: number, dir: string, options?: { repeatNames?: boolean }): { documents: number; files: number; bytes: number };
};
const report = reportScript as {
  NO_THREADS: string;
  judgeTargets(results: unknown): Target[];
  formatReport(results: unknown): string;
};
const measure = measureScript as { threadsSupported(bin: string): boolean };

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: team
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          readinessProbe:
            periodSeconds: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-hpa
  namespace: team
spec:
  scaleTargetRef:
    kind: Deployment
    name: web
`;
const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
`;
const SOURCE: SourceFile[] = [
  { path: 'app.yaml', text: APP, documents: 2 },
  { path: 'pdb.yaml', text: PDB, documents: 1 },
];

/** kind/namespace/name of every document below `dir`, by copy folder (c0, c1, …). */
function identitiesByCopy(dir: string): Map<string, string[]> {
  const byCopy = new Map<string, string[]>();
  for (const path of corpus.corpusFiles(dir)) {
    const copy = path.split('/')[0]!;
    for (const document of parseAllDocuments(readFileSync(join(dir, path), 'utf8'))) {
      const object = document.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
      byCopy.set(copy, [...(byCopy.get(copy) ?? []), `${object.kind}/${object.metadata.namespace ?? '-'}/${object.metadata.name}`]);
    }
  }
  return byCopy;
}

describe('bench corpora', () => {
  it('hold exactly the documents asked for, one folder per copy', () => {
    const dir = tempDir();
    expect(corpus.writeCorpus(SOURCE, 8, dir)).toMatchObject({ documents: 8 });
    const copies = identitiesByCopy(dir);
    expect([...copies.keys()]).toEqual(['c0', 'c1', 'c2']);
    expect([...copies.values()].flat()).toHaveLength(8);
  });

  it('rename every copy by default: no two objects share kind, namespace and name, references follow', () => {
    const dir = tempDir();
    corpus.writeCorpus(SOURCE, 9, dir);
    const identities = [...identitiesByCopy(dir).values()].flat();
    expect(new Set(identities).size).toBe(9);
    expect(identities).toContain('PodDisruptionBudget/bench-c2/web-c2');
    expect(readFileSync(join(dir, 'c1/app.yaml'), 'utf8')).toContain('    kind: Deployment\n    name: web-c1\n');
  });

  it('with repeatNames keep every name and namespace, changing only replicas and probe timings', () => {
    const dir = tempDir();
    expect(corpus.writeCorpus(SOURCE, 9, dir, { repeatNames: true })).toMatchObject({ documents: 9, files: 6 });
    const copies = identitiesByCopy(dir);
    expect(copies.get('c1')).toEqual(copies.get('c0'));
    expect(copies.get('c2')).toEqual(copies.get('c0'));
    for (const copy of ['c1', 'c2']) {
      const original = APP.split('\n');
      const lines = readFileSync(join(dir, copy, 'app.yaml'), 'utf8').split('\n');
      expect(lines).toHaveLength(original.length);
      const changed = lines.filter((line, i) => line !== original[i]);
      expect(changed.length).toBeGreaterThan(0);
      for (const line of changed) expect(line).toMatch(/^\s*(replicas|periodSeconds): \d+$/);
    }
  });
});

const lint = (wallMs: number, peakRssMB = 200) => ({ wallMs, runsMs: [wallMs], cpuMs: wallMs, peakRssMB, exitCode: 1 });

/** The figures of a bench run, shaped as bench.mjs writes them; 10k floor 4 s. */
function results({ threads = true, with50k = true } = {}) {
  const size = (documents: number, floorMs: number, defaultMs: number, oneThreadMs: number, rss: [number, number]) => ({
    documents,
    files: documents / 2,
    bytes: documents * 1000,
    parseFloor: { parseMs: floorMs, runsMs: [floorMs], peakRssMB: 100 },
    parseFloorDocumentsKept: null,
    lint: { defaultThreads: lint(defaultMs, rss[0]), oneThread: threads ? lint(oneThreadMs, rss[1]) : null },
    ratioToParseFloor: {
      defaultThreads: defaultMs / floorMs,
      defaultThreadsSlowestRun: (defaultMs * 1.9) / floorMs,
      oneThread: threads ? oneThreadMs / floorMs : null,
    },
  });
  const sizes = [size(10_000, 4_000, 1_800, 4_400, [250, 200])];
  if (with50k) sizes.push(size(50_000, 20_000, 9_000, 21_000, [380, 420]));
  return {
    machine: { node: 'v20', platform: 'linux x64', cpus: 2, loadAverage: { atStart: [0.5, 0.5, 0.5], highest1min: 0.9, atEnd: [0.6, 0.5, 0.5] } },
    sourceCorpus: { path: '../shared/corpus', files: 3, documents: 3 },
    threads: { supported: threads },
    sizes,
    repeatedNames: [
      { documents: 10_000, files: 5_000, bytes: 1e7, lint: { defaultThreads: lint(2_000) } },
      ...(with50k ? [{ documents: 50_000, files: 25_000, bytes: 5e7, lint: { defaultThreads: lint(12_000) } }] : []),
    ],
    growth50kTo10k: { defaultThreads: with50k ? 5 : null, oneThread: threads && with50k ? 4.77 : null, repeatedNames: with50k ? 6 : null },
    fix: { documents: 10_000, wallMs: 5_000, peakRssMB: 300, plainLintMs: 1_800, ratioToPlainLint: 2.78 },
    coldStart: { lintMedianMs: 90, nodeMedianMs: 50, typescriptMedianMs: 400, ratio: 1.8, lintRunsMs: [90] },
  };
}

const judged = (r: ReturnType<typeof results>) => Object.fromEntries(report.judgeTargets(r).map((t) => [t.name, t]));

describe('bench targets', () => {
  it('judge each ratio of the run against the targets of issue 18', () => {
    const targets = judged(results());
    expect(targets['10k documents, all rules, json, default threads: × parse floor']).toMatchObject({ value: 0.45, met: true });
    expect(targets['… its slowest run: × the floor run beside it']).toMatchObject({ value: 0.86, met: false });
    expect(targets['10k documents, --threads 1: × parse floor']).toMatchObject({ value: 1.1, met: false });
    expect(targets['50k time ÷ 10k time (default threads)']).toMatchObject({ value: 5, met: true });
    expect(targets['… when object names repeat across directories']).toMatchObject({ value: 6, met: false });
    // The worse of the default and the 1-thread run.
    expect(targets['peak RSS at 50k documents (default and 1 thread)']).toMatchObject({ value: 420, met: false });
    expect(targets['cold start ÷ node -e ""']).toMatchObject({ value: 1.8, met: false });
    expect(targets['--fix on 10,000 documents ÷ the plain lint']).toMatchObject({ value: 2.78, met: true });
  });

  it('say "n/a (no --threads)" for the 1-thread figures of a CLI without the flag, judging the rest', () => {
    const run = results({ threads: false });
    const targets = judged(run);
    expect(targets['10k documents, --threads 1: × parse floor']).toMatchObject({ value: null, met: null, note: report.NO_THREADS });
    expect(targets['peak RSS at 50k documents (default and 1 thread)']).toMatchObject({ value: 380, met: true });
    const printed = report.formatReport({ ...run, targets: report.judgeTargets(run) });
    expect(printed.split('\n').find((line) => line.startsWith('10,000'))).toContain(report.NO_THREADS);
    expect(printed).toContain(`--threads 1 ${report.NO_THREADS}`);
    expect(printed).toMatch(/10k documents, --threads 1: × parse floor +n\/a \(no --threads\) +≤ 1\.0× +not measured/);
  });

  it('leave a target unjudged when its corpus was not measured', () => {
    const targets = judged(results({ with50k: false }));
    expect(targets['50k time ÷ 10k time (default threads)']).toMatchObject({ value: null, met: null });
    expect(targets['peak RSS at 50k documents (default and 1 thread)']).toMatchObject({ value: null, met: null });
    expect(targets['10k documents, all rules, json, default threads: × parse floor']!.met).toBe(true);
  });
});

describe('bench: --threads support', () => {
  it('is read from the help of the CLI', () => {
    const dir = tempDir({
      'with.mjs': "console.log('Usage: x\\n  --threads <n>   worker threads (1 = in-process)');",
      'without.mjs': "console.log('Usage: x\\n  --quiet   errors only');",
    });
    expect(measure.threadsSupported(join(dir, 'with.mjs'))).toBe(true);
    expect(measure.threadsSupported(join(dir, 'without.mjs'))).toBe(false);
  });
});
