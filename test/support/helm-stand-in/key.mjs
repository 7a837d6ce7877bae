// The key of a recorded `helm template` rendering, shared by the stand-in `helm` (which looks a
// recording up) and scripts/record-helm.mjs (which stores one): both must compute it the same way.
//
// The key is the sha256 of a canonical text (see README.md beside this file) made of the release,
// the namespace, the content of each values file in order, each --set string in order, and every
// file of the chart directory (relative path with `/` + sha256 of its bytes, sorted by path). It
// names no absolute path, so a chart copied elsewhere has the same key; any byte changed in the
// chart or a values file gives another key.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const KEY_VERSION = 'gpu-drain-lint helm stand-in key v1';

/** A chart directory with more entries than this (files and folders, a symlink loop too) is refused rather than walked. */
export const MAX_CHART_ENTRIES = 5000;

/** The command line the stand-in accepts, for error messages. */
export const USAGE = 'helm template RELEASE CHART_DIR [--namespace NS] [-f FILE]... [--set k=v]...';

export class InvocationError extends Error {}

/**
 * Parses `template RELEASE CHART_DIR [--namespace NS | -n NS] [-f FILE | --values FILE]...
 * [--set k=v]...` (flags anywhere, `--flag=value` forms too; `-f a.yaml,b.yaml` is two files, as
 * helm's string-slice flag reads it; --set strings are kept whole, as helm's string-array flag
 * keeps them). Throws InvocationError on anything else.
 */
export function parseTemplateArgs(argv) {
  if (argv[0] !== 'template') throw new InvocationError(`expected "template" as the first argument; usage: ${USAGE}`);
  const positionals = [];
  const valuesFiles = [];
  const sets = [];
  let namespace = null;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const flag = splitFlag(arg);
    if (flag === null) {
      positionals.push(arg);
      continue;
    }
    if (!VALUED_FLAGS.includes(flag.name)) throw new InvocationError(`unsupported argument ${arg}; the stand-in knows only: ${USAGE}`);
    let value = flag.value;
    if (value === null) {
      if (i + 1 >= argv.length) throw new InvocationError(`${flag.name} needs a value; usage: ${USAGE}`);
      value = argv[++i];
    }
    if (flag.name === '--namespace' || flag.name === '-n') namespace = value;
    else if (flag.name === '--values' || flag.name === '-f') valuesFiles.push(...value.split(',').filter((file) => file !== ''));
    else sets.push(value);
  }
  if (positionals.length !== 2) throw new InvocationError(`expected RELEASE and CHART_DIR, got ${positionals.length} positional argument(s); usage: ${USAGE}`);
  const [release, chartDir] = positionals;
  return { release, chartDir, namespace, valuesFiles, sets };
}

const VALUED_FLAGS = ['--namespace', '--values', '--set', '-n', '-f'];

/** `--name=value`, `--name value`, `-xvalue`, `-x=value`, `-x value`; null for a positional. */
function splitFlag(arg) {
  if (!arg.startsWith('-') || arg === '-') return null;
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    return equals === -1 ? { name: arg, value: null } : { name: arg.slice(0, equals), value: arg.slice(equals + 1) };
  }
  const name = arg.slice(0, 2);
  if (!VALUED_FLAGS.includes(name) || arg.length === 2) return { name: arg, value: null };
  const rest = arg.slice(2);
  return { name, value: rest.startsWith('=') ? rest.slice(1) : rest };
}

/**
 * The canonical text hashed into the key, for an invocation parsed by parseTemplateArgs, with
 * relative paths resolved against `cwd`. Throws InvocationError when a values file or the chart
 * directory cannot be read.
 */
export function describeInvocation(invocation, cwd) {
  const lines = [KEY_VERSION, `release ${JSON.stringify(invocation.release)}`, `namespace ${JSON.stringify(invocation.namespace)}`];
  invocation.valuesFiles.forEach((file, index) => lines.push(`values ${index} ${sha256(readValuesFile(resolve(cwd, file), file))}`));
  for (const set of invocation.sets) lines.push(`set ${JSON.stringify(set)}`);
  for (const { path, digest } of chartFiles(resolve(cwd, invocation.chartDir), invocation.chartDir)) lines.push(`file ${JSON.stringify(path)} ${digest}`);
  return `${lines.join('\n')}\n`;
}

/** The recording key (64 hex digits) of an invocation; see describeInvocation. */
export function renderingKey(invocation, cwd) {
  return sha256(describeInvocation(invocation, cwd));
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

function readValuesFile(path, shown) {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InvocationError(`cannot read values file ${shown}: ${error.code ?? error.message}`);
  }
}

/** Every regular file under the chart directory (symlinks followed), sorted by relative path. */
function chartFiles(root, shown) {
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (error) {
    throw new InvocationError(`cannot read chart directory ${shown}: ${error.code ?? error.message}`);
  }
  if (!rootStat.isDirectory()) throw new InvocationError(`${shown} is not a chart directory (the stand-in renders unpacked charts only)`);
  const files = [];
  const pending = [''];
  let entries = 0;
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of guarded(() => readdirSync(join(root, dir)), `${shown}/${dir}`)) {
      if (++entries > MAX_CHART_ENTRIES) throw new InvocationError(`${shown} holds more than ${MAX_CHART_ENTRIES} files and folders: not a chart`);
      const path = dir === '' ? entry : `${dir}/${entry}`;
      const stat = guarded(() => statSync(join(root, path)), `${shown}/${path}`);
      if (stat.isDirectory()) pending.push(path);
      else if (stat.isFile()) files.push(path);
    }
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return files.map((path) => ({ path, digest: sha256(readFileSync(join(root, path))) }));
}

function guarded(read, shown) {
  try {
    return read();
  } catch (error) {
    throw new InvocationError(`cannot read ${shown} in the chart: ${error.code ?? error.message}`);
  }
}
