// Regenerates schema/config.schema.json from the rule registry (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { configSchema } from '../dist/src/config/schema.js';
import { rules } from '../dist/rules/index.js';

const target = new URL('../schema/config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configSchema(rules), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
