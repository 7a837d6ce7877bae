/**
 * The domain catalogue: every fact the rules rest on, once, with its source beside it. Nothing
 * here imports anything; the model, the analysis and the rules read it.
 */
export * from './clouds.js';
export * from './engines.js';
export * from './karpenter.js';
export * from './kubernetes.js';
export * from './proxies.js';
export * from './scalers.js';
export * from './resources.js';
