/**
 * The language server, driven over stdio by a real client as an editor drives it: diagnostics for
 * the buffer as the CLI reports the same text, a quick fix applied and its finding gone, a PDB
 * edited in another file of the workspace, a broken config, half-typed YAML.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXAMPLES, runInProcess, tempDir, type JsonFile } from '../cli/run.js';
import { startClient, uriOf, type TestClient } from './client.js';

const VLLM_BROKEN = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
const [EMBEDDINGS, BLOCKING_PDB] = readFileSync(join(EXAMPLES, 'pdb-blocks-drain.yaml'), 'utf8').split('---\n') as [string, string];
const DOCS = 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/';

const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

async function start(root: string): Promise<TestClient> {
  const client = await startClient(root);
  clients.push(client);
  return client;
}

function open(client: TestClient, uri: string, text: string, version = 1): Promise<void> {
  return client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

/** What the CLI reports for a file of `dir`, as the server should publish it. */
async function cliDiagnostics(dir: string, path: string, args: string[] = []): Promise<{ code: string; severity: number; range: Diagnostic['range'] }[]> {
  const result = await runInProcess([path, '--format', 'json', ...args], { cwd: dir });
  const report = JSON.parse(result.stdout) as { files: JsonFile[] };
  return report.files
    .flatMap((file) => file.findings)
    .map((f) => ({
      code: f.ruleId,
      severity: f.severity === 'error' ? 1 : 2,
      range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
    }));
}

const shape = (diagnostics: readonly Diagnostic[]) => diagnostics.map(({ code, severity, range }) => ({ code, severity, range }));
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);

/** Applies a client's edits as incremental changes, last first so that earlier ranges stay valid. */
function changesOf(edits: readonly TextEdit[]) {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((edit) => ({ range: edit.range, text: edit.newText }));
}

describe('gpu-drain-lint lsp', () => {
  it('publishes the CLI findings for the buffer; a quick fix applied as an edit clears its finding', async () => {
    const dir = tempDir({ 'deploy/vllm.yaml': VLLM_BROKEN });
    const uri = uriOf(join(dir, 'deploy/vllm.yaml'));
    const client = await start(dir);
    await open(client, uri, VLLM_BROKEN);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1');

    const expected = await cliDiagnostics(dir, 'deploy/vllm.yaml');
    expect(expected.map((d) => d.code)).toContain('grace-period-default');
    expect(shape(diagnostics)).toEqual(expected);
    const grace = diagnostics.find((d) => d.code === 'grace-period-default')!;
    expect(grace.source).toBe('gpu-drain-lint');
    expect(grace.codeDescription?.href).toBe(`${DOCS}grace-period-default.md`);

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: grace.range,
      context: { diagnostics: [grace] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    expect(titles).toContain('Fix: set terminationGracePeriodSeconds to 180');
    expect(titles).toContain('Disable grace-period-default for this line');
    expect(titles).toContain('Fix all safe problems in this file');
    const fix = actions.find((a) => a.title === 'Fix: set terminationGracePeriodSeconds to 180')!;
    expect(fix.diagnostics?.map((d) => d.code)).toEqual(['grace-period-default']);
    const edits = fix.edit!.changes![uri]!;

    // Fixing the whole file is resolved when chosen, and fixes as --fix does.
    const fixAll = actions.find((a) => a.title === 'Fix all safe problems in this file')!;
    expect(fixAll.edit).toBeUndefined();
    const resolved = (await client.connection.sendRequest('codeAction/resolve', fixAll)) as CodeAction;
    const allFixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, VLLM_BROKEN), resolved.edit!.changes![uri]!);
    const dryRun = JSON.parse((await runInProcess(['deploy/vllm.yaml', '--fix-dry-run', '--format', 'json'], { cwd: dir })).stdout) as { files: { output?: string }[] };
    expect(dryRun.files[0]!.output).toBeDefined();
    expect(allFixed).toBe(dryRun.files[0]!.output);

    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, VLLM_BROKEN), edits);
    expect(fixed).toMatch(/terminationGracePeriodSeconds: 180/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: changesOf(edits) });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2, 'for version 2');
    expect(codes(after)).not.toContain('grace-period-default');
    // The buffer, not the file on disk, was linted: the CLI finds the same in the fixed text.
    writeFileSync(join(dir, 'deploy/vllm.yaml'), fixed);
    expect(shape(after)).toEqual(await cliDiagnostics(dir, 'deploy/vllm.yaml'));
    expect(await client.stop()).toBe(0);
  });

  it('"disable <rule> for this line" writes the comment the linter reads', async () => {
    const dir = tempDir({ 'vllm.yaml': VLLM_BROKEN });
    const uri = uriOf(join(dir, 'vllm.yaml'));
    const client = await start(dir);
    await open(client, uri, VLLM_BROKEN);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1');
    const grace = diagnostics.find((d) => d.code === 'grace-period-default')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: grace.range, context: { diagnostics: [grace] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable grace-period-default for this line')!;
    const edits = disable.edit!.changes![uri]!;
    const text = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, VLLM_BROKEN), edits);
    expect(text.split('\n')[grace.range.start.line]).toBe('    # gpu-drain-lint-disable-next-line grace-period-default');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2, 'for version 2');
    expect(codes(after)).not.toContain('grace-period-default');
    expect(codes(after)).not.toContain('unused-suppression');
  });

  it('an unsafe fix is offered labelled so, and not as the preferred action', async () => {
    const dir = tempDir({ 'vllm.yaml': VLLM_BROKEN });
    const uri = uriOf(join(dir, 'vllm.yaml'));
    const client = await start(dir);
    await open(client, uri, VLLM_BROKEN);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1');
    const missing = diagnostics.find((d) => d.code === 'pdb-missing')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const unsafe = actions.find((a) => a.title.startsWith('Fix: '))!;
    expect(unsafe.title).toBe('Fix: append a PodDisruptionBudget with maxUnavailable: 1 for Deployment inference/vllm-llama (unsafe)');
    expect(unsafe.isPreferred).toBe(false);
    const text = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, VLLM_BROKEN), unsafe.edit!.changes![uri]!);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    expect(codes(await client.waitForDiagnostics(uri, (p) => p.version === 2, 'for version 2'))).not.toContain('pdb-missing');
  });

  it("a PDB edited in another file of the workspace updates the open Deployment's diagnostics", async () => {
    const dir = tempDir({ 'app/deployment.yaml': EMBEDDINGS, 'app/pdb.yaml': BLOCKING_PDB });
    const uri = uriOf(join(dir, 'app/deployment.yaml'));
    const pdb = join(dir, 'app/pdb.yaml');
    const client = await start(dir);
    await open(client, uri, EMBEDDINGS);
    const blocked = await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('pdb-blocks-drain'), 'with pdb-blocks-drain');
    // As the CLI reports the Deployment with the PDB's file as context.
    expect(shape(blocked)).toEqual(await cliDiagnostics(dir, 'app/deployment.yaml', ['--context', 'app/pdb.yaml']));
    // The PDB is its related information, where the CLI reports the finding when the PDB's file is linted.
    const [onPdb] = (await cliDiagnostics(dir, 'app/pdb.yaml', ['--context', 'app/deployment.yaml'])).filter((d) => d.code === 'pdb-blocks-drain');
    expect(blocked.find((d) => d.code === 'pdb-blocks-drain')!.relatedInformation).toEqual([
      { location: { uri: uriOf(pdb), range: onPdb!.range }, message: 'PodDisruptionBudget search/embeddings' },
    ]);

    const notify = () => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pdb), type: 2 }] });
    writeFileSync(pdb, BLOCKING_PDB.replace('maxUnavailable: 0', 'maxUnavailable: 1'));
    await notify();
    await client.waitForDiagnostics(uri, (p) => !codes(p.diagnostics).includes('pdb-blocks-drain'), 'without pdb-blocks-drain');
    writeFileSync(pdb, BLOCKING_PDB);
    await notify();
    await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('pdb-blocks-drain'), 'with pdb-blocks-drain again');
  });

  it("a PDB typed, unsaved, in another open document updates the open Deployment's diagnostics", async () => {
    const dir = tempDir({ 'app/deployment.yaml': EMBEDDINGS, 'app/pdb.yaml': BLOCKING_PDB });
    const deployment = uriOf(join(dir, 'app/deployment.yaml'));
    const pdb = uriOf(join(dir, 'app/pdb.yaml'));
    const client = await start(dir);
    await open(client, deployment, EMBEDDINGS);
    await open(client, pdb, BLOCKING_PDB);
    await client.waitForDiagnostics(deployment, (p) => codes(p.diagnostics).includes('pdb-blocks-drain'), 'with pdb-blocks-drain');
    // Loosened in the PDB's buffer, never saved: the Deployment's lint reads the buffer.
    const loosened = BLOCKING_PDB.replace('maxUnavailable: 0', 'maxUnavailable: 1');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: pdb, version: 2 }, contentChanges: [{ text: loosened }] });
    await client.waitForDiagnostics(deployment, (p) => !codes(p.diagnostics).includes('pdb-blocks-drain'), 'without pdb-blocks-drain');
  });

  it("a Helm chart's template is left alone (a run renders the chart; the server runs no helm as you type)", async () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- include "x" . }}\n';
    const dir = tempDir({ 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'chart/templates/deploy.yaml': template, 'plain/deploy.yaml': template });
    const client = await start(dir);
    const inChart = uriOf(join(dir, 'chart/templates/deploy.yaml'));
    const plain = uriOf(join(dir, 'plain/deploy.yaml'));
    await open(client, inChart, template);
    await open(client, plain, template);
    // The same text outside a chart is a YAML file that does not parse.
    expect(codes(await client.waitForDiagnostics(plain, (p) => p.version === 1, 'outside the chart'))).toEqual(['yaml-syntax']);
    expect(await client.waitForDiagnostics(inChart, (p) => p.version === 1, 'in the chart')).toEqual([]);
  });

  it('a broken config is one diagnostic on the config file, at its place; the server keeps serving and takes the config once fixed', async () => {
    const config = '# checks\nrules:\n  grace-period-default: [error, {margin: nope}]\n';
    const dir = tempDir({ 'vllm.yaml': VLLM_BROKEN, '.gpu-drain-lint.yaml': config });
    const cli = await runInProcess(['vllm.yaml'], { cwd: dir });
    expect(cli.status).toBe(2);
    const [, line, column] = /\.gpu-drain-lint\.yaml:(\d+):(\d+): /.exec(cli.stderr)!.map(Number);

    const configUri = uriOf(join(dir, '.gpu-drain-lint.yaml'));
    const uri = uriOf(join(dir, 'vllm.yaml'));
    const client = await start(dir);
    await open(client, uri, VLLM_BROKEN);
    const published = await client.waitForDiagnostics(configUri, () => true, 'on the config');
    expect(published).toHaveLength(1);
    expect(published[0]!.range.start).toEqual({ line: line! - 1, character: column! - 1 });
    expect(published[0]!.message).toContain('margin');
    // Documents get no findings while the config is broken (as a CLI run reports none).
    expect(await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for the document')).toEqual([]);
    // Opening the config file keeps its diagnostic.
    await open(client, configUri, config);
    expect(await client.waitForDiagnostics(configUri, (p) => p.version === 1, 'on the open config')).toEqual(published);

    writeFileSync(join(dir, '.gpu-drain-lint.yaml'), 'rules:\n  pdb-missing: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0, 'cleared on the config');
    const configured = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 'under the fixed config');
    expect(codes(configured)).toContain('grace-period-default');
    expect(codes(configured)).not.toContain('pdb-missing');
  });

  it('half-typed YAML is a yaml-syntax diagnostic; the server answers on, unknown requests included, and a document closed while its lint is pending is no trouble', async () => {
    const dir = tempDir({});
    const uri = uriOf(join(dir, 'typing.yaml'));
    const half = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n  labels: {app: "web\n';
    const client = await start(dir);
    await open(client, uri, half);
    const syntax = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for the half-typed text');
    expect(codes(syntax)).toContain('yaml-syntax');
    expect(shape(syntax)).toEqual(await cliDiagnostics(tempDir({ 'typing.yaml': half }), 'typing.yaml'));

    await expect(client.connection.sendRequest('gpu-drain-lint/no-such-request', {})).rejects.toMatchObject({ code: -32601 });
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: syntax[0]!.range, context: { diagnostics: syntax } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([]);

    for (let version = 2; version < 12; version++) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: half.slice(0, half.length - version) }] });
    }
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined, 'cleared on close');
    const other = uriOf(join(dir, 'other.yaml'));
    await open(client, other, VLLM_BROKEN);
    expect(codes(await client.waitForDiagnostics(other, (p) => p.version === 1, 'for another document'))).toContain('grace-period-default');
    expect(client.stderr()).not.toMatch(/cannot lint|Error:/);
    expect(await client.stop()).toBe(0);
  });
});
