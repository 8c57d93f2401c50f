import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

// Where a process's CPU went during a window, from the profile `node --cpu-prof` wrote at its exit: each
// sample goes to the innermost frame of its stack that a rule names, frames of a bundle read through its
// source map, so the compiled server's time is told by the source files it came from.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Attribution {
  /** What the samples were spent on, by rule name, in milliseconds of CPU. */
  ms: Map<string, number>;
  /** Milliseconds in which the process was busy (not idle) in the window. */
  busyMs: number;
}

/** `[name, test]`: the first rule whose test matches a frame's source path (or, for a builtin, its name) wins. */
export type Rule = readonly [name: string, test: RegExp];

export const IDLE = '(idle)';
const UNNAMED = 'other';

/**
 * CPU milliseconds per rule between `fromUs` and `toUs` (process.hrtime microseconds, the clock V8 stamps its
 * samples with). Frames with a source path no rule matches pass the sample on to their caller.
 */
export function attribute(file: string, rules: readonly Rule[], fromUs: number, toUs: number): Attribution {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const maps = new Map<string, SourceMap | null>();
  const ruleOf = new Map<number, string>();
  const nameOf = (node: ProfileNode): string => {
    let known = ruleOf.get(node.id);
    if (known !== undefined) return known;
    const frame = node.callFrame;
    const where = frame.url === '' ? frame.functionName : sourceOf(frame, maps);
    known = rules.find(([, test]) => test.test(where))?.[0];
    if (known === undefined) {
      const parent = parents.get(node.id);
      known = parent ? nameOf(parent) : UNNAMED;
    }
    ruleOf.set(node.id, known);
    return known;
  };
  const ms = new Map<string, number>();
  let at = profile.startTime;
  let busyMs = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromUs || at > toUs) return;
    // A sample stands for the time until the next one.
    const spent = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const name = nameOf(byId.get(id)!);
    ms.set(name, (ms.get(name) ?? 0) + spent);
    if (name !== IDLE) busyMs += spent;
  });
  return { ms, busyMs };
}

/** The frame's original source file when its script has a source map beside it, else its URL. */
function sourceOf(frame: CallFrame, maps: Map<string, SourceMap | null>): string {
  if (!frame.url.startsWith('file:') || !frame.url.endsWith('.mjs')) return frame.url;
  let map = maps.get(frame.url);
  if (map === undefined) {
    try {
      map = new SourceMap(
        JSON.parse(readFileSync(`${fileURLToPath(frame.url)}.map`, 'utf8')) as SourceMapPayload,
      );
    } catch {
      map = null;
    }
    maps.set(frame.url, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  return entry && 'originalSource' in entry ? entry.originalSource : frame.url;
}
