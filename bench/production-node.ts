import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How `npm start` runs the compiled server (package.json's start script): its environment settings and Node
 * flags, so a bench of the production process runs it the same way and measures what is deployed. */
export function productionNode(root: string): { env: Record<string, string>; flags: string[] } {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const run = /((?:\b[A-Z_]+=\S+ )*)node ((?:--\S+ )*)dist\/server\/cli\.mjs/.exec(scripts.start);
  if (!run) throw new Error(`npm start does not run dist/server/cli.mjs: ${scripts.start}`);
  const env = Object.fromEntries(
    (run[1] ?? '')
      .split(' ')
      .filter(Boolean)
      .map((setting) => setting.split('=', 2) as [string, string]),
  );
  return { env, flags: (run[2] ?? '').split(' ').filter(Boolean) };
}
