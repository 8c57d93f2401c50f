// operations.evaluate: the tree over one granularity's grid. A value is a number or a matrix (one column per
// selected reference); "aggregated" turns true once columns are combined (aggregate, or an operator with two
// series), which decides the shape of the response.

import { badRequest, GnocchiError } from '../errors';
import { BINARY, booleanBinary, booleanUnary, clip, COMPARISONS, UNARY } from './elementwise';
import { diff, reduceAcrossColumns, reduceRolling } from './numpy-reducers';
import { operationsRepr, type MetricRef, type OperationNode } from './operations';
import { resampleColumn } from './resample';

export type Values = number | readonly Float64Array[];

export interface Evaluated {
  readonly granularityUs: number;
  readonly timestamps: Float64Array;
  readonly values: Values;
  readonly aggregated: boolean;
  /** The values are a numpy bool array (a comparison's result), which later operators treat apart. */
  readonly boolean?: boolean;
}

export interface TreeContext {
  /** The grid of the granularity, one column per reference. */
  readonly base: Evaluated & { readonly values: readonly Float64Array[] };
  /** The lookup key of each column: [ref as written or metric id, aggregation]. */
  readonly lookupKeys: readonly MetricRef[];
}

function internal(message: string): GnocchiError {
  return new GnocchiError(500, message);
}

function unaggregable(context: TreeContext, reason: string): GnocchiError {
  return badRequest({
    cause: 'Metrics cannot be aggregated',
    reason,
    detail: context.lookupKeys.map((k) => [k.ref, k.aggregation]),
  });
}

function rowsOf(values: readonly Float64Array[], timestamps: Float64Array): number {
  return values[0]?.length ?? timestamps.length;
}

/** numpy broadcasting of numbers and (rows × columns) matrices, element by element. */
function broadcast(operands: readonly Values[], rows: number, apply: (args: number[]) => number): Values {
  const matrices = operands.filter((o): o is readonly Float64Array[] => typeof o !== 'number');
  if (matrices.length === 0) return apply(operands as number[]);
  // numpy's rule: widths agree or are 1, and a 1 stretches to any other width, 0 included (a metric reference
  // that matched no metric of the group gives 0 columns, and the result is then empty, not an error).
  const wider = matrices.map((m) => m.length).filter((w) => w !== 1);
  const width = wider[0] ?? 1;
  for (const m of matrices) {
    if (m.length !== width && m.length !== 1) throw internal('operands could not be broadcast together');
    if (m.some((c) => c.length !== rows)) throw internal('operands could not be broadcast together');
  }
  const out: Float64Array[] = [];
  const args = new Array<number>(operands.length);
  for (let c = 0; c < width; c++) {
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      operands.forEach((o, i) => {
        args[i] = typeof o === 'number' ? o : o[o.length === 1 ? 0 : c]![r]!;
      });
      column[r] = apply(args);
    }
    out.push(column);
  }
  return out;
}

function sameAxis(a: Evaluated, b: Evaluated): boolean {
  return (
    a.granularityUs === b.granularityUs &&
    a.timestamps.length === b.timestamps.length &&
    a.timestamps.every((t, i) => t === b.timestamps[i])
  );
}

function matrixOf(value: Evaluated): readonly Float64Array[] {
  if (typeof value.values === 'number') throw internal('a series operation was given a number');
  return value.values;
}

function evaluateMetric(node: OperationNode & { kind: 'metric' }, context: TreeContext): Evaluated {
  const { base, lookupKeys } = context;
  const wanted = (key: MetricRef) =>
    node.pairForm
      ? key.ref === node.refs[0]!.ref && key.aggregation === node.refs[0]!.aggregation
      : node.refs.some((r) => r.ref === key.ref && r.aggregation === key.aggregation);
  const columns = base.values.filter((_, i) => wanted(lookupKeys[i]!));
  return { ...base, values: columns };
}

function evaluateBinary(
  node: OperationNode & { kind: 'binary' },
  input: Evaluated,
  context: TreeContext,
): Evaluated {
  const left = evaluateTree(node.left, input, context);
  const right = evaluateTree(node.right, input, context);
  let aggregated = left.aggregated || right.aggregated;
  let axis = left;
  if (typeof left.values !== 'number' && typeof right.values !== 'number') {
    if (!sameAxis(left, right)) {
      throw unaggregable(
        context,
        `Can't compute timeseries with different granularity ${operationsRepr(node.left)} <> ${operationsRepr(node.right)}`,
      );
    }
    aggregated = true;
  } else if (typeof right.values !== 'number') axis = right;
  let op = BINARY[node.op]!;
  let boolean = COMPARISONS.has(node.op);
  if (left.boolean && right.boolean) {
    const numpyBool = booleanBinary(node.op);
    if (!numpyBool) throw internal(`numpy boolean ${node.op} is not supported`);
    op = numpyBool.apply;
    boolean = numpyBool.bool;
  }
  const rows = typeof axis.values === 'number' ? 0 : rowsOf(axis.values, axis.timestamps);
  const values = broadcast([left.values, right.values], rows, ([a, b]) => op(a!, b!));
  return { granularityUs: axis.granularityUs, timestamps: axis.timestamps, values, aggregated, boolean };
}

function evaluateClip(
  node: OperationNode & { kind: 'clip' },
  input: Evaluated,
  context: TreeContext,
): Evaluated {
  const value = evaluateTree(node.value, input, context);
  const min = evaluateTree(node.min, input, context);
  const max = node.max ? evaluateTree(node.max, input, context) : null;
  let aggregated = value.aggregated || min.aggregated || (max?.aggregated ?? false);
  let axis: Evaluated;
  const isSeries = (e: Evaluated | null) => e !== null && typeof e.values !== 'number';
  if (isSeries(value) && isSeries(min) && isSeries(max)) {
    if (!sameAxis(value, min) && !sameAxis(min, max!)) {
      throw internal("Can't compute timeseries with different granularity");
    }
    axis = value;
    aggregated = true;
  } else if (isSeries(min)) axis = min;
  else if (isSeries(max)) axis = max!;
  else axis = value;
  const series = [value, min, ...(max ? [max] : [])].find(isSeries);
  const rows = series ? rowsOf(series.values as readonly Float64Array[], series.timestamps) : 0;
  const operands = [value.values, min.values, ...(max ? [max.values] : [])];
  const values = broadcast(operands, rows, ([x, lo, hi]) => clip(x!, lo!, hi ?? null));
  const boolean = [value, min, ...(max ? [max] : [])].every((e) => e.boolean);
  return { granularityUs: axis.granularityUs, timestamps: axis.timestamps, values, aggregated, boolean };
}

function evaluateUnary(
  node: OperationNode & { kind: 'unary' },
  input: Evaluated,
  context: TreeContext,
): Evaluated {
  const operand = evaluateTree(node.operand, input, context);
  if (UNARY[node.op]) {
    let fn = UNARY[node.op]!;
    let boolean = false;
    if (operand.boolean) {
      const numpyBool = booleanUnary(node.op);
      if (!numpyBool) throw internal(`numpy boolean ${node.op} is not supported`);
      fn = numpyBool.apply;
      boolean = numpyBool.bool;
    }
    const rows = typeof operand.values === 'number' ? 0 : rowsOf(operand.values, operand.timestamps);
    return { ...operand, values: broadcast([operand.values], rows, ([x]) => fn(x!)), boolean };
  }
  const columns = matrixOf(operand);
  const { timestamps } = operand;
  if (node.op === 'rateofchange') {
    // numpy's diff of a bool array is XOR.
    const change = operand.boolean ? (c: Float64Array) => diff(c).map(Math.abs) : diff;
    return { ...operand, timestamps: timestamps.subarray(1), values: columns.map(change) };
  }
  // rateofchangesec: the change per second, NaN for the first point (numpy's diff with prepend=NaN / NaT).
  const values = columns.map((column) => {
    const out = new Float64Array(column.length);
    for (let i = 0; i < column.length; i++) {
      out[i] = i === 0 ? NaN : (column[i]! - column[i - 1]!) / ((timestamps[i]! - timestamps[i - 1]!) / 1e6);
    }
    return out;
  });
  return { ...operand, values, boolean: false };
}

function evaluateReduction(
  node: OperationNode & { kind: 'aggregate' | 'rolling' | 'resample' },
  input: Evaluated,
  context: TreeContext,
): Evaluated {
  const operand = evaluateTree(node.operand, input, context);
  const columns = matrixOf(operand);
  const { timestamps } = operand;
  const rate = node.method.startsWith('rate:') ? 1 : 0;
  if (node.kind === 'aggregate') {
    const rows = rowsOf(columns, timestamps);
    return {
      granularityUs: operand.granularityUs,
      timestamps: timestamps.subarray(rate),
      values: [reduceAcrossColumns(columns, rows, node.method, operand.boolean)],
      aggregated: true,
    };
  }
  if (node.kind === 'rolling') {
    const length = rowsOf(columns, timestamps);
    if (node.window > length) {
      throw unaggregable(context, `Rolling window '${node.window}' is greater than serie length '${length}'`);
    }
    return {
      ...operand,
      boolean: false,
      timestamps: timestamps.subarray(node.window - 1 + rate),
      values: columns.map((c) => reduceRolling(c, node.window, node.method, operand.boolean)),
    };
  }
  if (columns.length === 0) throw internal('nothing to resample');
  const resampled = columns.map((values) =>
    resampleColumn({ timestamps, values }, node.granularityUs, node.method),
  );
  return {
    granularityUs: node.granularityUs,
    timestamps: resampled[resampled.length - 1]!.timestamps,
    values: resampled.map((r) => r.values),
    aggregated: operand.aggregated,
  };
}

/** The value of `node` over the context's grid; `input` carries granularity, timestamps and aggregation flag. */
export function evaluateTree(node: OperationNode, input: Evaluated, context: TreeContext): Evaluated {
  switch (node.kind) {
    case 'number':
      return { ...input, values: node.value };
    case 'metric':
      return evaluateMetric(node, context);
    case 'binary':
      return evaluateBinary(node, input, context);
    case 'clip':
      return evaluateClip(node, input, context);
    case 'unary':
      return evaluateUnary(node, input, context);
    case 'aggregate':
    case 'rolling':
    case 'resample':
      return evaluateReduction(node, input, context);
  }
}
