import { isField } from '../languages/shared/node.js';
import { isMap, isSeq, isUnknown } from '../languages/shared/tree.js';
import { INFERENCE_ENGINES, JUDGED_ENGINES, NOT_A_SERVER_WORDS, type EntryPoint, type JudgedEngine, type JudgedEngineFacts } from '../domain/engines.js';
import { listAt, type Container, type ContainerList, type EnvVar } from './pod.js';
import { basename, scriptOf, shellScriptIndex, type SimpleCommand, type WordRange } from './shell.js';

export type { EnvVar } from './pod.js';

/** Reads a container's `env` list (at model-building time, so invalid values are reported). */
export function readContainerEnv(container: Container): EnvVar[] {
  const at = listAt(container, 'env');
  return (at ? at.view.maps(at.key) : []).flatMap((item) => {
    const name = item.string('name');
    const value = item.string('value');
    if (!isField(name)) return [];
    // A value a TypeScript source computes is as unknown as one from a Secret.
    return [{ name: name.value, ...(isField(value) ? { value } : {}), fromReference: item.has('valueFrom') || item.isUnknown('value'), view: item }];
  });
}

export type Engine = JudgedEngine;

/**
 * The inference engine an image runs: a catalogue repository, or whole words of its repository
 * name (the last path segment, tag and digest removed), never a substring elsewhere in the
 * reference; a mock, SDK, client or benchmark image runs none.
 */
export function engineOf(image: string): string | undefined {
  const repository = imageRepository(image);
  const known = INFERENCE_ENGINES.find((e) => e.repositories?.includes(repository));
  if (known) return known.image;
  const words = repositoryName(image).split(/[-_.]/);
  if (words.some((word) => NOT_A_SERVER_WORDS.has(word))) return undefined;
  for (const { image: engine } of INFERENCE_ENGINES) {
    const wanted = engine.split('-');
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, j) => words[i + j] === w)) return engine;
    }
  }
  return undefined;
}

/** An image reference without its tag and digest: `ghcr.io/huggingface/text-generation-inference`. */
export function imageRepository(image: string): string {
  return image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
}

/** An image's repository as Docker Hub's are listed, without `docker.io/` (`vllm/vllm-openai`). */
export function hubRepository(image: string): string {
  return imageRepository(image).replace(/^(index\.)?docker\.io\//, '');
}

/** An image's repository name: its last path segment, lowercase (`text-generation-inference`). */
export function repositoryName(image: string): string {
  const repository = imageRepository(image);
  return repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
}

/** Where a flag's value was written, for pointing at it and for editing it. */
export interface FlagValue {
  value: string;
  /** `command` or `args`, and the index of the list item that holds the value. */
  list: 'command' | 'args';
  item: number;
  /** True when the item is a shell script (`sh -c "vllm serve …"`), not one argv word. */
  inScript: boolean;
  /** The text as written in the item: `--flag=60`, `-g60`, or `60` after a separate `--flag`. */
  written: string;
  /** What precedes the value in its item when the name shares it: `--flag=`, `-g=`, `-g`. */
  attachedTo?: string;
  /** In a script: where the word holding the value is written in the item (its quotes included). */
  span?: WordRange;
  /** Where the flag's name was written when the value is a word of its own (`--flag 60`). */
  name?: { list: 'command' | 'args'; item: number; span?: WordRange };
}

/** How a container starts an inference engine, with its command-line flags. */
export interface EngineInvocation {
  engine: Engine;
  /** `image vllm/vllm-openai:v0.11.0`, `command vllm serve`: for messages. */
  why: string;
  /** Flag name (dashes, no value) → its last value, as the engine's argument parser keeps it. */
  flags: Map<string, FlagValue>;
  /** Flag name → every value it is given, in order, where it is given more than once. */
  repeated: Map<string, FlagValue[]>;
  /** Boolean flags present without a value. */
  switches: Set<string>;
  env: Map<string, EnvVar>;
  /**
   * Where a new flag goes: appended to `args` or `command`, or inside a script right after the
   * engine command's last word (`at`, an offset in the item), or nowhere known.
   */
  append?: { list: 'command' | 'args'; item?: number; inScript: boolean; at?: number };
}

/** The engine whose entry point a command's words at `start` are, and how many words that entry point spans. */
function engineAt(words: readonly string[], start: number): { engine: Engine; length: number } | undefined {
  for (const engine of Object.values(JUDGED_ENGINES)) {
    for (const entry of engine.entryPoints) {
      const length = entryPointLength(words, entry, start);
      if (length !== undefined) return { engine: engine.id, length };
    }
  }
  return undefined;
}

/**
 * How many of a command's words from `start` (its program read as a basename) are the entry point
 * (`vllm serve`: 2, `python3 -m sglang.launch_server`: 3), or undefined when they are not it.
 * Reads at most the entry point's few words, so a scan of every start stays linear.
 */
export function entryPointLength(words: readonly string[], entry: EntryPoint, start = 0): number | undefined {
  const word = words[start];
  if (word === undefined) return undefined;
  const program = basename(word);
  if ('pythonModule' in entry) {
    const module = words[start + 1] === '-m' ? words[start + 2] : undefined;
    const matches = module === entry.pythonModule || (entry.submodules === true && module?.startsWith(`${entry.pythonModule}.`) === true);
    return /^python(\d(\.\d+)?)?$/.test(program) && matches ? 3 : undefined;
  }
  const args = entry.args ?? [];
  return program === entry.program && args.every((arg, i) => words[start + 1 + i] === arg) ? 1 + args.length : undefined;
}

const IMAGE_ENGINES: ReadonlyMap<string, Engine> = new Map(INFERENCE_ENGINES.flatMap((e) => (e.judged ? [[e.image, e.judged.id] as const] : [])));

/**
 * The engine a container runs and the flags it passes: from `command` + `args` (plain argv, or
 * a `sh -c` script), else from the image when only `args` are given (the image's entrypoint is
 * the engine). Undefined when the container runs something else.
 */
export function engineInvocation(container: Container, env: readonly EnvVar[]): EngineInvocation | undefined {
  // Flags from a computed list (a spread, a call) are unknown: no flag can be said to be missing.
  if ((['command', 'args', 'env'] as const).some((key) => listUnknown(container, key))) return undefined;
  const command = container.command?.value;
  const args = container.args?.value ?? [];
  const imageEngine = container.image ? IMAGE_ENGINES.get(engineOf(container.image) ?? '') : undefined;
  const envMap = new Map(env.map((e) => [e.name, e]));
  // Words with their origin: which list, which item, and whether it is a shell script.
  type Word = { text: string; list: 'command' | 'args'; item: number; inScript: boolean; span?: WordRange };
  const argv: Word[] = [
    ...(command ?? []).map((text, item) => ({ text, list: 'command' as const, item, inScript: false })),
    ...args.map((text, item) => ({ text, list: 'args' as const, item, inScript: false })),
  ];
  let words: Word[] | undefined;
  let engine: Engine | undefined;
  let entryLength = 1;
  let why: string;
  if (command === undefined || command.length === 0) {
    // The image's entrypoint runs; args are its arguments (or a shell script it runs).
    if (!imageEngine) return undefined;
    engine = imageEngine;
    words = argv;
    why = `image ${container.image}`;
  } else {
    const scriptWord = shellScriptWord(argv);
    if (scriptWord) {
      // `sh -c "<script>"`: the engine is one of the script's commands.
      const script = scriptOf(['sh', '-c', scriptWord.text]);
      const commands: Pick<SimpleCommand, 'words' | 'spans'>[] = script.ok
        ? script.commands
        : [{ words: scriptWord.text.split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, '')) }];
      for (const { words: commandWords, spans } of commands) {
        const found = findEngine(commandWords);
        if (!found) continue;
        engine = found.engine;
        entryLength = found.length;
        words = commandWords
          .slice(found.start)
          .map((text, i) => ({ text, list: scriptWord.list, item: scriptWord.item, inScript: true, ...(spans ? { span: spans[found.start + i]! } : {}) }));
        break;
      }
    } else {
      const found = findEngine(argv.map((w) => w.text));
      if (found) {
        engine = found.engine;
        entryLength = found.length;
        words = argv.slice(found.start);
      }
    }
    if (!engine || !words) return undefined;
    // How the command starts the engine: `vllm serve`, `python3 -m vllm.entrypoints.openai.api_server`.
    why = `command ${[basename(words[0]!.text), ...words.slice(1, entryLength).map((w) => w.text)].join(' ')}`;
  }
  const flags = new Map<string, FlagValue>();
  const given = new Map<string, FlagValue[]>();
  const switches = new Set<string>();
  const facts: JudgedEngineFacts = JUDGED_ENGINES[engine];
  const shortFlag = facts.shutdown.shortFlag;
  const setFlag = (name: string, value: FlagValue) => {
    flags.set(name, value);
    given.set(name, [...(given.get(name) ?? []), value]);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // clap reads a short flag's value attached to it too: `-g60`, `-g=60` (as `-g 60`).
    const match = /^(--[A-Za-z0-9][A-Za-z0-9_-]*|-[A-Za-z])(?:=(.*))?$/s.exec(word.text) ?? (shortFlag ? shortWithValue(word.text, shortFlag) : null);
    // Of the one-letter flags only the shutdown flag's is read: others may be switches before a positional.
    if (!match || (!match[1]!.startsWith('--') && match[1] !== shortFlag)) continue;
    const written = match[1]!;
    const name = written === shortFlag ? facts.shutdown.flag : facts.underscoresInFlags ? written.replace(/_/g, '-') : written;
    if (match[2] !== undefined) {
      const attachedTo = word.text.slice(0, word.text.length - match[2].length);
      setFlag(name, { value: match[2], list: word.list, item: word.item, inScript: word.inScript, written: word.text, attachedTo, ...(word.span ? { span: word.span } : {}) });
      continue;
    }
    const next = words[i + 1];
    if (next && !next.text.startsWith('--')) {
      const at = { list: word.list, item: word.item, ...(word.span ? { span: word.span } : {}) };
      setFlag(name, { value: next.text, list: next.list, item: next.item, inScript: next.inScript, written: next.text, ...(next.span ? { span: next.span } : {}), name: at });
      i++;
    } else {
      switches.add(name);
    }
  }
  const repeated = new Map([...given].filter(([, values]) => values.length > 1));
  const last = words[words.length - 1];
  const inScript = words.some((w) => w.inScript);
  const append = inScript
    ? { list: last!.list, item: last!.item, inScript: true, ...(last!.span ? { at: last!.span.end } : {}) }
    : container.args !== undefined || command === undefined || container.commandBy
      ? { list: 'args' as const, inScript: false }
      : { list: 'command' as const, inScript: false };
  return { engine, why, flags, repeated, switches, env: envMap, append };
}

/** A short flag with its value attached (`-g60`): as the match of a flag and its value. */
function shortWithValue(text: string, shortFlag: string): [string, string, string] | null {
  return text.length > shortFlag.length && text.startsWith(shortFlag) && text[shortFlag.length] !== '=' ? [text, shortFlag, text.slice(shortFlag.length)] : null;
}

/** Where in a command's words an engine starts (after wrappers such as `dumb-init --`). */
function findEngine(words: string[]): { engine: Engine; start: number; length: number } | undefined {
  for (let start = 0; start < words.length; start++) {
    const found = engineAt(words, start);
    if (found) return { ...found, start };
  }
  return undefined;
}

/** The argv word that is a `sh -c` script, if the command runs a shell. */
function shellScriptWord<W extends { text: string }>(argv: W[]): W | undefined {
  const index = shellScriptIndex(argv.map((w) => w.text));
  return index === undefined ? undefined : argv[index];
}

/** A flag's value as whole seconds; undefined when it is not a plain integer. */
export function flagSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** Whether a list of the container is computed, or holds a computed item. */
function listUnknown(container: Container, name: ContainerList): boolean {
  const at = listAt(container, name);
  if (!at) return false;
  const { view, key } = at;
  if (view.isUnknown(key)) return true;
  const list = view.valueNode(key);
  return isSeq(list) && list.items.some((item) => isUnknown(item) || (isMap(item) && item.hidden !== undefined));
}
