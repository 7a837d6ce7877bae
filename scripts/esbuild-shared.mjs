// The esbuild options the CLI's bundle (scripts/build.mjs) and the GitHub Action's
// (scripts/build-action.mjs) share. Everything a run needs is bundled, so the published package
// has no runtime dependencies; the one thing that is not is TypeScript itself (24 MB), which the
// TypeScript parser's chunk takes from the project being linted (see projectTypeScript below).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundled CommonJS packages call require(); an ES module has none of its own. */
export const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Where the loader leaves the typescript module it resolved from the linted project. */
const PROVIDED_TYPESCRIPT = fileURLToPath(new URL('../src/languages/typescript/provided-typescript.ts', import.meta.url));

/**
 * `typescript`, wherever the bundled TypeScript parser (typescript-estree and its helpers)
 * requires it (or its `lib/tsserverlibrary`), is the module src/languages/typescript/loader.ts resolved from the linted project
 * before it imported the parser's chunk: the bundle neither contains TypeScript nor resolves it
 * beside itself.
 */
export const projectTypeScript = {
  name: 'project-typescript',
  setup(build) {
    // `typescript/lib/tsserverlibrary` is the same module (typescript-eslint's project service asks for it).
    build.onResolve({ filter: /^typescript(?:\/lib\/(?:typescript|tsserverlibrary)(?:\.js)?)?$/ }, () => ({ path: 'typescript', namespace: 'project-typescript' }));
    build.onLoad({ filter: /.*/, namespace: 'project-typescript' }, () => ({
      contents: `module.exports = require(${JSON.stringify(PROVIDED_TYPESCRIPT)}).providedTypeScript();`,
      loader: 'js',
      resolveDir: dirname(PROVIDED_TYPESCRIPT),
    }));
  },
};

/**
 * The options both builds use. `@typescript/native` is typescript-estree's experimental backend,
 * an optional peer it requires only when asked for (we never ask).
 */
export const SHARED_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: REQUIRE_BANNER },
  external: ['@typescript/native', '@typescript/native/*'],
  plugins: [projectTypeScript],
  // The bundles' module comments then say `node_modules/…` also in a checkout whose node_modules
  // is a link elsewhere: the committed Action bundle is the same bytes wherever it is built.
  preserveSymlinks: true,
};
