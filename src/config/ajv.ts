// Ajv is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the class.
import ajv from 'ajv';

export const Ajv = ajv.default;
