// `operations` of POST /v1/aggregates: from the request body to a typed tree, with Gnocchi's 400s.

import { badRequest } from '../errors';
import { parseOperationsString } from './operations-parse';
import { validateOperationsTree, type ValidatedTree } from './operations-schema';
import { pythonFloatRepr, pythonStrRepr } from './python-text';

export interface MetricRef {
  readonly ref: string;
  readonly aggregation: string;
}

export type OperationNode =
  /** `(metric REF AGG)` (pairForm) or `(metric (REF AGG) …)`. */
  | { readonly kind: 'metric'; readonly refs: readonly MetricRef[]; readonly pairForm: boolean }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'aggregate'; readonly method: string; readonly operand: OperationNode }
  | {
      readonly kind: 'rolling';
      readonly method: string;
      readonly window: number;
      readonly operand: OperationNode;
    }
  | {
      readonly kind: 'resample';
      readonly method: string;
      readonly granularityUs: number;
      readonly operand: OperationNode;
    }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: OperationNode;
      readonly right: OperationNode;
    }
  | {
      readonly kind: 'clip';
      readonly value: OperationNode;
      readonly min: OperationNode;
      readonly max: OperationNode | null;
    }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: OperationNode };

function str(tree: ValidatedTree | undefined): string {
  if (typeof tree !== 'string') throw new Error('operations tree: expected a name');
  return tree;
}

function toNode(tree: ValidatedTree): OperationNode {
  if (!Array.isArray(tree)) {
    if (typeof tree === 'object' && 'float' in tree) return { kind: 'number', value: tree.float };
    throw new Error('operations tree: unexpected leaf');
  }
  const [head, ...args] = tree;
  const op = str(head);
  const child = (i: number) => toNode(args[i] as ValidatedTree);
  if (op === 'metric') {
    if (typeof args[0] === 'string') return { kind: 'metric', pairForm: true, refs: [pairOf(args)] };
    return { kind: 'metric', pairForm: false, refs: args.map((p) => pairOf(p as ValidatedTree[])) };
  }
  if (op === 'aggregate') return { kind: 'aggregate', method: str(args[0]), operand: child(1) };
  if (op === 'rolling') {
    const window = args[1] as { int: number };
    return { kind: 'rolling', method: str(args[0]), window: window.int, operand: child(2) };
  }
  if (op === 'resample') {
    const span = args[1] as { timespanUs: number };
    return { kind: 'resample', method: str(args[0]), granularityUs: span.timespanUs, operand: child(2) };
  }
  if (op === 'clip')
    return { kind: 'clip', value: child(0), min: child(1), max: args.length > 2 ? child(2) : null };
  if (args.length === 2) return { kind: 'binary', op, left: child(0), right: child(1) };
  return { kind: 'unary', op, operand: child(0) };
}

function pairOf(pair: readonly ValidatedTree[]): MetricRef {
  return { ref: str(pair[0]), aggregation: str(pair[1]) };
}

/** The tree in the list form Gnocchi's validated body has, for the JSON of an error detail. */
export function operationsJson(node: OperationNode): unknown {
  switch (node.kind) {
    case 'metric':
      return node.pairForm
        ? ['metric', node.refs[0]!.ref, node.refs[0]!.aggregation]
        : ['metric', ...node.refs.map((r) => [r.ref, r.aggregation])];
    case 'number':
      return node.value;
    case 'aggregate':
      return ['aggregate', node.method, operationsJson(node.operand)];
    case 'rolling':
      return ['rolling', node.method, node.window, operationsJson(node.operand)];
    case 'resample':
      return ['resample', node.method, node.granularityUs / 1e6, operationsJson(node.operand)];
    case 'binary':
      return [node.op, operationsJson(node.left), operationsJson(node.right)];
    case 'clip':
      return [
        'clip',
        operationsJson(node.value),
        operationsJson(node.min),
        ...(node.max ? [operationsJson(node.max)] : []),
      ];
    case 'unary':
      return [node.op, operationsJson(node.operand)];
  }
}

/** repr() of the validated node, as Gnocchi's "different granularity" message prints it. */
export function operationsRepr(node: OperationNode): string {
  const list = (items: string[]) => `[${items.join(', ')}]`;
  const s = pythonStrRepr;
  switch (node.kind) {
    case 'metric':
      return node.pairForm
        ? list([s('metric'), s(node.refs[0]!.ref), s(node.refs[0]!.aggregation)])
        : list([s('metric'), ...node.refs.map((r) => list([s(r.ref), s(r.aggregation)]))]);
    case 'number':
      return pythonFloatRepr(node.value);
    case 'aggregate':
      return list([s('aggregate'), s(node.method), operationsRepr(node.operand)]);
    case 'rolling':
      return list([s('rolling'), s(node.method), String(node.window), operationsRepr(node.operand)]);
    case 'resample':
      return list([
        s('resample'),
        s(node.method),
        `numpy.timedelta64(${node.granularityUs * 1000},'ns')`,
        operationsRepr(node.operand),
      ]);
    case 'binary':
      return list([s(node.op), operationsRepr(node.left), operationsRepr(node.right)]);
    case 'clip':
      return list([
        s('clip'),
        operationsRepr(node.value),
        operationsRepr(node.min),
        ...(node.max ? [operationsRepr(node.max)] : []),
      ]);
    case 'unary':
      return list([s(node.op), operationsRepr(node.operand)]);
  }
}

function children(node: OperationNode): OperationNode[] {
  switch (node.kind) {
    case 'metric':
    case 'number':
      return [];
    case 'aggregate':
    case 'rolling':
    case 'resample':
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'clip':
      return node.max ? [node.value, node.min, node.max] : [node.value, node.min];
  }
}

/** The (ref, aggregation) pairs of the tree's metric nodes, de-duplicated, in order (Gnocchi's ReferencesList). */
export function metricReferences(node: OperationNode): MetricRef[] {
  const out: MetricRef[] = [];
  const visit = (n: OperationNode) => {
    if (n.kind === 'metric') {
      for (const r of n.refs) {
        if (!out.some((o) => o.ref === r.ref && o.aggregation === r.aggregation)) out.push(r);
      }
    }
    children(n).forEach(visit);
  };
  visit(node);
  return out;
}

/** The string or list form, validated by the schema only (Gnocchi's OperationsSchema). */
export function parseOperationsTree(input: unknown): OperationNode {
  const parsed = typeof input === 'string' ? parseOperationsString(input) : input;
  return toNode(validateOperationsTree(parsed));
}

/** api.py's check after the body schema: a tree without a metric node is refused. */
export function assertHasMetric(node: OperationNode): void {
  if (metricReferences(node).length === 0) {
    throw badRequest({
      cause: 'Operations is invalid',
      reason: "At least one 'metric' is required",
      detail: operationsJson(node),
    });
  }
}

/**
 * The `operations` of a request body: a string (pyparsing nestedExpr, first expression only) or the JSON list
 * form, validated as Gnocchi does, and refused without a metric node. Throws GnocchiError 400.
 * (The HTTP layer may call parseOperationsTree and assertHasMetric apart, to keep Gnocchi's order of checks
 * when the body has other invalid keys.)
 */
export function parseOperations(input: unknown): OperationNode {
  const node = parseOperationsTree(input);
  assertHasMetric(node);
  return node;
}
