import { isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { SourceFile } from '../../core/source.js';
import { PARSE_OPTIONS, parseDocuments } from '../../languages/yaml/parse.js';
import type { FileReader } from './files.js';
import { KUSTOMIZATION_FILE_NAMES } from './file-names.js';

export { KUSTOMIZATION_FILE_NAMES };

/** A value of a kustomization file and where it is written (1-based, for messages). */
export interface Written<T> {
  value: T;
  node: Node;
  line: number;
  column: number;
}

/** A `resources`, `bases`, `components` or file entry: local (resolved against the kustomization's directory) or remote (not followed). */
export interface Reference extends Written<string> {
  remote: boolean;
  /** The absolute path of a local entry. */
  absolute?: string;
}

/** A patch's `target`: each field an anchored regular expression (kustomize's selector), the two selectors label/annotation selectors. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export type PatchField = 'patchesStrategicMerge' | 'patches' | 'patchesJson6902';

export interface PatchEntry {
  field: PatchField;
  /** The patch file (`path:`, or a `patchesStrategicMerge` entry naming a file). */
  file?: Reference;
  /** The patch written inline (`patch:`, or a `patchesStrategicMerge` entry holding YAML). */
  inline?: Scalar;
  target?: PatchTarget;
  /** The entry itself, where a message about it points. */
  at: Written<unknown>;
}

export interface ReplicaEntry {
  name: string;
  count: Written<unknown>;
}

export interface ImageEntry {
  name: string;
  newName?: string;
  /** The value that writes the rendered image: `newTag`, `digest` or `newName`, whichever is written first; else the entry. */
  at: Written<unknown>;
}

export interface GeneratorEntry {
  kind: 'ConfigMapGenerator' | 'SecretGenerator';
  name: string;
  at: Written<unknown>;
}

export interface Kustomization {
  dir: string;
  /** The kustomization file's absolute path. */
  file: string;
  source: SourceFile;
  document: Document.Parsed;
  kind: 'Kustomization' | 'Component';
  /** `resources`, then the deprecated `bases` (kustomize appends them so). */
  resources: Reference[];
  components: Reference[];
  /** In the order kustomize applies them: `patchesStrategicMerge`, `patches`, then `patchesJson6902`. */
  patches: PatchEntry[];
  namePrefix?: Written<string>;
  nameSuffix?: Written<string>;
  namespace?: Written<string>;
  replicas: ReplicaEntry[];
  images: ImageEntry[];
  generators: GeneratorEntry[];
  /** Other local files and directories the build reads: generator sources, CRDs, configurations, plugin configs, replacements, openapi. */
  otherFiles: Reference[];
  buildMetadata: string[];
  /** Entries of the wrong shape, skipped (kustomize itself refuses them when it builds). */
  problems: KustomizationProblem[];
}

export interface KustomizationProblem {
  /** missing: no kustomization file in the directory; ambiguous: more than one; syntax / shape: the file is not a readable kustomization. */
  code: 'missing' | 'ambiguous' | 'syntax' | 'shape';
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export type KustomizationRead = { ok: true; kustomization: Kustomization } | { ok: false; problem: KustomizationProblem };

/** The kustomization file of a directory, if it has exactly one. */
export function kustomizationFileOf(dir: string, fs: FileReader): { file: string; text: string } | { problem: KustomizationProblem } {
  const found = KUSTOMIZATION_FILE_NAMES.map((name) => ({ file: join(dir, name), text: fs.readFile(join(dir, name)) })).filter(
    (candidate): candidate is { file: string; text: string } => candidate.text !== undefined,
  );
  if (found.length === 0) return { problem: { code: 'missing', message: `no ${KUSTOMIZATION_FILE_NAMES.join(', ')} in ${dir}` } };
  if (found.length > 1) {
    return { problem: { code: 'ambiguous', message: `more than one kustomization file in ${dir}: ${found.map((f) => f.file.slice(dir.length + 1)).join(', ')}` } };
  }
  return found[0]!;
}

/** A remote resource: a URL, an scp-like git address, or a well-known forge path (kustomize fetches these; we do not). */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git@/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(entry);
}

/** The fields of `dir`'s kustomization file that decide what a build reads and changes. Never throws. */
export function readKustomization(dir: string, fs: FileReader): KustomizationRead {
  const absoluteDir = resolve(dir);
  const located = kustomizationFileOf(absoluteDir, fs);
  if ('problem' in located) return { ok: false, problem: located.problem };
  const source = new SourceFile(located.file, located.text, false);
  const [document, second] = parseDocuments(located.text, PARSE_OPTIONS);
  const problemAt = (code: KustomizationProblem['code'], message: string, offset: number): KustomizationRead => {
    const { line, column } = source.position(offset);
    return { ok: false, problem: { code, message: `${located.file}:${line}:${column}: ${message}`, file: located.file, line, column } };
  };
  const error = document?.errors[0];
  if (error) return problemAt('syntax', error.message.split('\n')[0]!, error.pos[0]);
  if (!document || document.contents === null) return problemAt('shape', 'the kustomization file is empty', 0);
  if (second) return problemAt('shape', 'a kustomization file holds one document', second.range[0]);
  const root = document.contents;
  if (!isMap(root)) return problemAt('shape', 'a kustomization is a mapping', (root as Node).range?.[0] ?? 0);
  return { ok: true, kustomization: new FieldReader(absoluteDir, located.file, source, document, root, fs).read() };
}

class FieldReader {
  private readonly problems: KustomizationProblem[] = [];

  constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly source: SourceFile,
    private readonly document: Document.Parsed,
    private readonly root: YAMLMap | null,
    private readonly fs: FileReader,
  ) {}

  read(): Kustomization {
    const kind = this.string('kind')?.value === 'Component' ? 'Component' : 'Kustomization';
    const kustomization: Kustomization = {
      dir: this.dir,
      file: this.file,
      source: this.source,
      document: this.document,
      kind,
      resources: [...this.references('resources'), ...this.references('bases')],
      components: this.references('components'),
      patches: [...this.strategicMergePatches(), ...this.patches('patches'), ...this.patches('patchesJson6902')],
      replicas: this.replicas(),
      images: this.images(),
      generators: [...this.generators('configMapGenerator', 'ConfigMapGenerator'), ...this.generators('secretGenerator', 'SecretGenerator')],
      otherFiles: this.otherFiles(),
      buildMetadata: this.strings('buildMetadata').map((entry) => entry.value),
      problems: this.problems,
    };
    for (const key of ['namePrefix', 'nameSuffix', 'namespace'] as const) {
      const value = this.string(key);
      if (value) kustomization[key] = value;
    }
    return kustomization;
  }

  private written<T>(value: T, node: Node): Written<T> {
    const { line, column } = this.source.position(node.range?.[0] ?? 0);
    return { value, node, line, column };
  }

  private problem(message: string, node: Node): void {
    const { line, column } = this.source.position(node.range?.[0] ?? 0);
    this.problems.push({ code: 'shape', message: `${this.file}:${line}:${column}: ${message}`, file: this.file, line, column });
  }

  private value(key: string, map: YAMLMap | null = this.root): Node | undefined {
    const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === key);
    const value = pair?.value as Node | null | undefined;
    return value === null || (isScalar(value) && value.value === null) ? undefined : (value ?? undefined);
  }

  private string(key: string, map: YAMLMap | null = this.root): Written<string> | undefined {
    const node = this.value(key, map);
    if (!node) return undefined;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return this.written(String(node.value), node);
    this.problem(`\`${key}\` should be a string`, node);
    return undefined;
  }

  private items(key: string, map: YAMLMap | null = this.root): Node[] {
    const node = this.value(key, map);
    if (!node) return [];
    if (!isSeq(node)) {
      this.problem(`\`${key}\` should be a list`, node);
      return [];
    }
    return node.items.filter((item): item is Node => item !== null && typeof item === 'object');
  }

  private strings(key: string, map: YAMLMap | null = this.root): Written<string>[] {
    return this.items(key, map).flatMap((item) => {
      if (isScalar(item) && typeof item.value === 'string') return [this.written(item.value, item)];
      this.problem(`each entry of \`${key}\` should be a string`, item);
      return [];
    });
  }

  private reference(entry: Written<string>): Reference {
    if (isRemote(entry.value)) return { ...entry, remote: true };
    return { ...entry, remote: false, absolute: isAbsolute(entry.value) ? entry.value : resolve(this.dir, entry.value) };
  }

  private references(key: string, map: YAMLMap | null = this.root): Reference[] {
    return this.strings(key, map).map((entry) => this.reference(entry));
  }

  private mappings(key: string): YAMLMap[] {
    return this.items(key).flatMap((item) => {
      if (isMap(item)) return [item];
      this.problem(`each entry of \`${key}\` should be a mapping`, item);
      return [];
    });
  }

  /** An entry is a file when one exists at its path; otherwise it is the patch itself (kustomize decides the same way). */
  private strategicMergePatches(): PatchEntry[] {
    return this.items('patchesStrategicMerge').flatMap((item): PatchEntry[] => {
      if (!isScalar(item) || typeof item.value !== 'string') {
        this.problem('each entry of `patchesStrategicMerge` should be a file path or a patch', item);
        return [];
      }
      const at = this.written<unknown>(item.value, item);
      const file = this.reference(this.written(item.value, item));
      const isFile = !file.remote && !item.value.includes('\n') && this.fs.readFile(file.absolute!) !== undefined;
      const looksInline = !isFile && /[\n:]/.test(item.value);
      return [looksInline ? { field: 'patchesStrategicMerge', inline: item, at } : { field: 'patchesStrategicMerge', file, at }];
    });
  }

  private patches(key: 'patches' | 'patchesJson6902'): PatchEntry[] {
    return this.mappings(key).flatMap((map): PatchEntry[] => {
      const at = this.written<unknown>(map.toJSON(), map);
      const path = this.string('path', map);
      const patch = this.value('patch', map);
      const target = this.target(map);
      const entry: PatchEntry = { field: key, at, ...(target ? { target } : {}) };
      if (path) return [{ ...entry, file: this.reference(path) }];
      if (patch && isScalar(patch) && typeof patch.value === 'string') return [{ ...entry, inline: patch }];
      this.problem(`a \`${key}\` entry needs \`path\` or \`patch\``, map);
      return [];
    });
  }

  private target(map: YAMLMap): PatchTarget | undefined {
    const node = this.value('target', map);
    if (!node) return undefined;
    if (!isMap(node)) {
      this.problem('`target` should be a mapping', node);
      return undefined;
    }
    const target: PatchTarget = {};
    for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
      const value = this.string(key, node);
      if (value) target[key] = value.value;
    }
    return target;
  }

  private replicas(): ReplicaEntry[] {
    return this.mappings('replicas').flatMap((map) => {
      const name = this.string('name', map);
      const count = this.value('count', map);
      return name ? [{ name: name.value, count: count ? this.written<unknown>(isScalar(count) ? count.value : undefined, count) : this.written<unknown>(undefined, map) }] : [];
    });
  }

  private images(): ImageEntry[] {
    return this.mappings('images').flatMap((map) => {
      const name = this.string('name', map);
      if (!name) return [];
      const writer = ['newTag', 'digest', 'newName'].map((key) => this.value(key, map)).find((node) => node !== undefined);
      const newName = this.string('newName', map);
      return [{ name: name.value, ...(newName ? { newName: newName.value } : {}), at: this.written<unknown>(writer && isScalar(writer) ? writer.value : undefined, writer ?? map) }];
    });
  }

  private generators(key: string, kind: GeneratorEntry['kind']): GeneratorEntry[] {
    return this.mappings(key).flatMap((map) => {
      const name = this.string('name', map);
      return name ? [{ kind, name: name.value, at: this.written<unknown>(name.value, name.node) }] : [];
    });
  }

  private otherFiles(): Reference[] {
    const generatorSources = ['configMapGenerator', 'secretGenerator'].flatMap((key) =>
      this.mappings(key).flatMap((map) => {
        const env = this.string('env', map);
        const sources = [...this.strings('files', map), ...this.strings('envs', map), ...(env ? [env] : [])];
        // A `files` entry may name its key: `key=path`.
        return sources.map((entry) => this.reference({ ...entry, value: entry.value.replace(/^[^=]*=/, '') }));
      }),
    );
    const replacementFiles = this.items('replacements').flatMap((item) => (isMap(item) ? [this.string('path', item)].filter((p): p is Written<string> => p !== undefined) : []));
    const openapi = this.value('openapi');
    const openapiPath = openapi && isMap(openapi) ? this.string('path', openapi) : undefined;
    return [
      ...generatorSources,
      ...['crds', 'configurations', 'transformers', 'generators', 'validators'].flatMap((key) =>
        // Plugin lists may hold inline configs (mappings or multi-line strings): only paths are files.
        this.items(key).flatMap((item) => (isScalar(item) && typeof item.value === 'string' && !item.value.includes('\n') ? [this.reference(this.written(item.value, item))] : [])),
      ),
      ...replacementFiles.map((entry) => this.reference(entry)),
      ...(openapiPath ? [this.reference(openapiPath)] : []),
    ].filter((reference) => !reference.remote);
  }
}
