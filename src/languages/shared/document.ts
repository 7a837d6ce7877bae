import type { Span } from '../../core/source.js';
import type { EncodedTree } from './encoded-tree.js';

/** A syntax problem in one document, with the offsets the parser gave. */
export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface ParsedDocument {
  /** 0-based position of the document in its stream. */
  index: number;
  /** Its values with their ranges (the parser's own document is not kept): read it with `treeView`. */
  tree: EncodedTree;
  /** Span of the whole document, for problems that belong to it rather than a field. */
  span: Span;
  errors: SyntaxProblem[];
  /** For an object read from a TypeScript source instead of a YAML document. */
  typescript?: {
    /** Every range its values come from (the object literal, and the `const`s it names). */
    ranges: Span[];
    /** Built with a cdk8s `Kube*` class, which types int-or-string fields as `IntOrString`. */
    cdk8s: boolean;
    /** The Pulumi resource name or cdk8s construct id, when a string literal. */
    name?: string;
  };
}
