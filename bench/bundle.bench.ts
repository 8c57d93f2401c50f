import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import { printFigures } from './report';

// The JS a browser must download before the login and datacenter pages can show: the entry chunk, its static
// imports, and the English strings loaded at start (every namespace's, in one module). Every other page
// (tables, graphs, wall) and recharts arrive later, on demand.

const START_LOCALES = 'src/web/locales/languages/en.ts';

function initialChunks(manifest: Manifest): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  visit(START_LOCALES);
  return files;
}

export async function bundleBench(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'vscope-bundle-'));
  try {
    await build({ logLevel: 'silent', build: { outDir, manifest: true, sourcemap: false } });
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const gzipKb = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length / 1024;
    const initial = [...initialChunks(manifest)].filter((f) => f.endsWith('.js'));
    const total = initial.reduce((sum, file) => sum + gzipKb(file), 0);
    const charts = Object.values(manifest).find((c) => c.name === 'charts');
    printFigures('SPA bundle', [
      {
        name: `initial JS for login + datacenter pages (${initial.length} files, gzip)`,
        value: total,
        unit: 'kB',
        target: 150,
      },
      ...(charts
        ? [{ name: 'charts chunk, loaded by Graphs only (gzip)', value: gzipKb(charts.file), unit: 'kB' }]
        : []),
    ]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
