import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Node flags `npm start` gives the compiled server (package.json's start script): a bench of the production
 * process runs it with the same, so it measures what is deployed. */
export function productionNodeFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const flags = /\bnode ((?:--\S+ )*)dist\/server\/cli\.mjs/.exec(scripts.start)?.[1];
  if (flags === undefined) throw new Error(`npm start does not run dist/server/cli.mjs: ${scripts.start}`);
  return flags.split(' ').filter(Boolean);
}
