/**
 * Large inputs through the real CLI: a 50 MB manifest and a long stream of documents in one file.
 * Time limits are generous guards against hangs (many times what a linear linter needs on a slow
 * machine), never speed assertions: speed is `npm run bench`'s business.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gpuDeployment, positionOf, tempDir } from '../cli/run.js';
import { CANARY, expectBoundedRun, expectCanaryLinted, expectPositionsInside, findingsOf, runMeasured, type MeasuredRun } from './helpers.js';

const MB = 1024 * 1024;

describe('a 50 MB manifest', () => {
  // A GPU Deployment, a ConfigMap holding 50 MB of text, and another GPU Deployment at the end.
  const line = `    ${'x'.repeat(95)}\n`;
  const blob = line.repeat(Math.ceil((50 * MB) / line.length));
  const first = gpuDeployment({ name: 'before-blob', preStop: false });
  const last = gpuDeployment({ name: 'after-blob', preStop: false });
  const text = `${first}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\n  namespace: default\ndata:\n  blob: |\n${blob}---\n${last}`;
  let result: MeasuredRun;
  beforeAll(async () => {
    const dir = tempDir({ 'big.yaml': text, 'canary.yaml': CANARY });
    result = await runMeasured(['.'], dir, 240_000);
  }, 300_000);

  it('is linted in bounded time and memory, with findings on both Deployments at their lines; the other file too', () => {
    expect(text.length).toBeGreaterThan(50 * MB);
    const report = expectBoundedRun(result, 2048);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    const findings = findingsOf(report, 'big.yaml');
    expectPositionsInside(findings, text);
    const prestop = findings.filter((f) => f.ruleId === 'prestop-missing');
    expect(prestop.map((f) => f.object?.name)).toEqual(['before-blob', 'after-blob']);
    // The second one is half a million lines down: its line is still exact.
    const containerLine = (name: string) => positionOf(text, '- name: vllm', `name: ${name}`).line;
    expect(prestop.map((f) => f.line)).toEqual([containerLine('before-blob'), containerLine('after-blob')]);
  });
});

describe('a 10 MB stream of some 15 000 documents in one file', () => {
  // Distinct names, labels and 50 namespaces, as a generated monorepo bundle has them.
  const documents: string[] = [];
  let size = 0;
  for (let i = 0; size < 10 * MB; i++) {
    const doc = gpuDeployment({ name: `vllm-${i}`, preStop: i % 2 === 1 }).replace('namespace: inference', `namespace: team-${i % 50}`);
    documents.push(doc);
    size += doc.length + 4;
  }
  const text = documents.join('---\n');
  let result: MeasuredRun;
  beforeAll(async () => {
    const dir = tempDir({ 'stream.yaml': text, 'canary.yaml': CANARY });
    // A linear linter needs well under 30 s here on a slow 2-core machine.
    result = await runMeasured(['.'], dir, 150_000);
  }, 200_000);

  it('is linted in bounded time and memory: every Deployment without a preStop is found; the other file too', () => {
    const report = expectBoundedRun(result, 2048);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    const findings = findingsOf(report, 'stream.yaml');
    expectPositionsInside(findings, text);
    const prestop = findings.filter((f) => f.ruleId === 'prestop-missing');
    expect(prestop).toHaveLength(Math.ceil(documents.length / 2));
    expect(prestop.at(-1)!.object?.name).toBe(`vllm-${documents.length % 2 === 1 ? documents.length - 1 : documents.length - 2}`);
  });
});

describe('a GPU container with 20 000 arguments and no port (issue 15, item 11, review)', () => {
  // The server check reads every word of a command once: it scanned the rest of the command from
  // every word (24 s for these args, 39 s for the script) and ran again for every profile question.
  const words = Array(20_000).fill('a').join(' ');
  const container = (name: string, lines: string[]) =>
    gpuDeployment({ name, preStop: false })
      .replace('          ports:\n            - containerPort: 8000\n', lines.map((l) => `          ${l}\n`).join(''))
      .replace('ghcr.io/example/llm-server:1.0', 'example/app:1');
  const text = [
    container('long-args', ['command: ["myprog"]', `args: [${Array(20_000).fill('a').join(', ')}, "--port", "8000"]`]),
    container('long-script', [`command: ["sh", "-c", "myprog ${words} --port 8000"]`]),
  ].join('---\n');
  let result: MeasuredRun;
  beforeAll(async () => {
    const dir = tempDir({ 'long.yaml': text, 'canary.yaml': CANARY });
    // About 1 s when linear; killed well before the quadratic scan ends.
    result = await runMeasured(['.'], dir, 15_000);
  }, 60_000);

  it('is linted in bounded time: both are servers (their --port), each reported once', () => {
    const report = expectBoundedRun(result, 1024);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    const findings = findingsOf(report, 'long.yaml');
    expectPositionsInside(findings, text);
    expect(findings.filter((f) => f.ruleId === 'prestop-missing').map((f) => f.object?.name)).toEqual(['long-args', 'long-script']);
  });
});
