import { readFileSync, statSync } from 'node:fs';

/** What the Kustomize readers need of a file system: injected, so tests can use fakes. */
export interface FileReader {
  /** The text of a file; undefined when it is missing, a directory or unreadable. */
  readFile(absolutePath: string): string | undefined;
  isDirectory(absolutePath: string): boolean;
}

/** Files larger than this are not read (a manifest this size is not a Kustomize input). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const diskReader: FileReader = {
  readFile(absolutePath) {
    try {
      const stat = statSync(absolutePath);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  },
  isDirectory(absolutePath) {
    try {
      return statSync(absolutePath).isDirectory();
    } catch {
      return false;
    }
  },
};

/** A file's text read once per map or traversal, however often it is asked for. */
export function cachedReader(reader: FileReader): FileReader {
  const texts = new Map<string, string | undefined>();
  const directories = new Map<string, boolean>();
  return {
    readFile(path) {
      if (!texts.has(path)) texts.set(path, reader.readFile(path));
      return texts.get(path);
    },
    isDirectory(path) {
      if (!directories.has(path)) directories.set(path, reader.isDirectory(path));
      return directories.get(path)!;
    },
  };
}
