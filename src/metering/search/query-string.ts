// QueryStringSearchAttrFilter: the `?filter=` grammar of /v1/search/resource. Gnocchi builds it with pyparsing
// and then folds pyparsing's token groups into a dict with its own pop-from-the-end loop; both leave marks a
// client can see (`==` never parses, keywords without word boundaries, `a=1 and b=2` listed in reverse, the
// operator token kept as typed), so this port rebuilds the same combinators, the same token groups and the
// same fold, and reports failures with pyparsing's words. Unlike pyparsing (no packrat in Gnocchi), every
// (element, position) result is memoised, so deep parentheses cost linear time instead of 32× per level.

import { badRequest } from '../errors.js';
import { pyFloatRepr, pyStrRepr } from './py.js';

// ---------------------------------------------------------------- tokens

/** A pyparsing Group: its tokens, and the results name Gnocchi's fold asks for (`list`). */
class Group {
  constructor(
    readonly items: Tok[],
    readonly name: 'list' | undefined,
  ) {}
}

/** Strings (identifiers, operators, quoted text), floats, booleans, None, groups. */
type Tok = string | number | boolean | null | Group;

// ---------------------------------------------------------------- combinators

/** A ParseException. Control flow, not a user-facing error: the parser turns it into GnocchiError. */
class Fail extends Error {
  constructor(
    readonly loc: number,
    readonly msg: string,
  ) {
    super(msg);
  }
}

interface Ok {
  readonly loc: number;
  readonly toks: readonly Tok[];
}

class Ctx {
  private readonly memo = new Map<number, Ok | Fail>();
  /** False inside infixNotation's lookahead, where pyparsing runs no parse actions (so float() cannot fail). */
  actions = true;
  constructor(readonly text: string) {}

  skip(loc: number): number {
    let i = loc;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      i += 1;
    }
    return i;
  }

  run(el: El, loc: number): Ok {
    const key = (el.id * (this.text.length + 1) + loc) * 2 + (this.actions ? 1 : 0);
    let r = this.memo.get(key);
    if (r === undefined) {
      try {
        r = el.impl(this, el.skipWs ? this.skip(loc) : loc);
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        r = e;
      }
      this.memo.set(key, r);
    }
    if (r instanceof Fail) throw r;
    return r;
  }
}

let nextId = 0;

abstract class El {
  readonly id = nextId++;
  skipWs = true;
  constructor(public name: string) {}
  abstract impl(ctx: Ctx, loc: number): Ok;
  get errmsg(): string {
    return `Expected ${this.name}`;
  }
}

class Re extends El {
  private readonly re: RegExp;
  constructor(
    source: string,
    name: string,
    private readonly action: (m: string, ctx: Ctx) => Tok,
    flags = 'u',
  ) {
    super(name);
    this.re = new RegExp(source, `y${flags}`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    this.re.lastIndex = loc;
    const m = this.re.exec(ctx.text);
    if (!m) throw new Fail(loc, this.errmsg);
    return { loc: loc + m[0].length, toks: [this.action(m[0], ctx)] };
  }
}

class Lit extends El {
  constructor(
    private readonly text: string,
    private readonly suppress = false,
  ) {
    super(pyStrRepr(text));
  }
  impl(ctx: Ctx, loc: number): Ok {
    if (!ctx.text.startsWith(this.text, loc)) throw new Fail(loc, this.errmsg);
    return { loc: loc + this.text.length, toks: this.suppress ? [] : [this.text] };
  }
}

/** QuotedString(q): no escape character, no newline inside, pyparsing's whitespace and numeric escapes
 *  converted in the unquoted text. */
class Quoted extends El {
  private readonly re: RegExp;
  constructor(quote: string) {
    super(`string enclosed in ${pyStrRepr(quote)}`);
    this.re = new RegExp(`${quote}[^${quote}\\n\\r]*${quote}`, 'y');
  }
  impl(ctx: Ctx, loc: number): Ok {
    this.re.lastIndex = loc;
    const m = this.re.exec(ctx.text);
    if (!m) throw new Fail(loc, this.errmsg);
    return { loc: loc + m[0].length, toks: [unescapeQuoted(m[0].slice(1, -1))] };
  }
}

const WS_ESCAPES: Readonly<Record<string, string>> = { '\\t': '\t', '\\n': '\n', '\\f': '\f', '\\r': '\r' };

function unescapeQuoted(body: string): string {
  return body.replace(
    /\\[tnfr]|\\[0-7]{3}|\\0|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}/g,
    (esc) =>
      WS_ESCAPES[esc] ??
      (esc === '\\0'
        ? '\0'
        : /^\\\d/.test(esc)
          ? String.fromCodePoint(parseInt(esc.slice(1), 8))
          : String.fromCodePoint(parseInt(esc.slice(2), 16))),
  );
}

class Seq extends El {
  constructor(private readonly els: El[]) {
    super(`{${els.map((e) => e.name).join(' ')}}`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    let at = loc;
    const toks: Tok[] = [];
    for (const el of this.els) {
      const r = ctx.run(el, at);
      at = r.loc;
      toks.push(...r.toks);
    }
    return { loc: at, toks };
  }
}

/** MatchFirst: the first alternative that parses; else the failure that got furthest, renamed to this
 *  element's own message when every alternative failed where this one started. */
class First extends El {
  constructor(
    private readonly els: El[],
    name?: string,
  ) {
    super(name ?? `{${els.map((e) => e.name).join(' | ')}}`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    let best: Fail | undefined;
    for (const el of this.els) {
      try {
        return ctx.run(el, loc);
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        if (best === undefined || e.loc > best.loc) best = e;
      }
    }
    if (best === undefined) throw new Fail(loc, 'no defined alternatives to match');
    throw best.loc === loc ? new Fail(loc, this.errmsg) : best;
  }
}

class Opt extends El {
  constructor(private readonly el: El) {
    super(`[${el.name}]`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    try {
      return ctx.run(this.el, loc);
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      return { loc, toks: [] };
    }
  }
}

/** ZeroOrMore (min 0) or OneOrMore (min 1): failures after the required one end the repetition silently. */
class Many extends El {
  constructor(
    private readonly el: El,
    private readonly min: 0 | 1,
  ) {
    super(`${el.name}...`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    let at = loc;
    const toks: Tok[] = [];
    if (this.min === 1) {
      const first = ctx.run(this.el, at);
      at = first.loc;
      toks.push(...first.toks);
    }
    for (;;) {
      let r: Ok;
      try {
        r = ctx.run(this.el, at);
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        break;
      }
      if (r.loc === at && r.toks.length === 0) break;
      at = r.loc;
      toks.push(...r.toks);
    }
    return { loc: at, toks };
  }
}

class GroupEl extends El {
  constructor(
    private readonly el: El,
    private readonly naming: (toks: readonly Tok[]) => 'list' | undefined,
  ) {
    super(`Group:(${el.name})`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    const r = ctx.run(this.el, loc);
    return { loc: r.loc, toks: [new Group([...r.toks], this.naming(r.toks))] };
  }
}

/** infixNotation's lookahead: must parse here, yields nothing. */
class Ahead extends El {
  constructor(private readonly el: El) {
    super(`FollowedBy>:(${el.name})`);
  }
  impl(ctx: Ctx, loc: number): Ok {
    const outer = ctx.actions;
    ctx.actions = false;
    try {
      ctx.run(this.el, loc);
    } finally {
      ctx.actions = outer;
    }
    return { loc, toks: [] };
  }
}

class Fwd extends El {
  target: El | undefined;
  impl(ctx: Ctx, loc: number): Ok {
    if (!this.target) throw new Error('unset forward');
    return ctx.run(this.target, loc);
  }
}

// ---------------------------------------------------------------- Gnocchi's grammar

const BINARY_OPERATORS = [
  '>=', '<=', '!=', '>', '<', '=', '==', 'eq', 'ne', 'lt', 'gt', 'ge', 'le', 'in', 'like', '≠', '≥', '≤',
] as const; // prettier-ignore
const MULTIPLE_OPERATORS = ['and', 'or', '∧', '∨'] as const;
const UNARY_OPERATORS = ['not'] as const;

const NUMBER_PATTERN = String.raw`[+-]?\d+(:?\.\d*)?(:?[eE][+-]?\d+)?`;
const OPERATOR_PATTERN = BINARY_OPERATORS.join('|');

class NumberConversionError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** float(text) for what the number regex lets through: its `(:?` typo admits a colon, which Python refuses. */
function numberToken(text: string, ctx: Ctx): number {
  if (text.includes(':')) {
    if (ctx.actions) throw new NumberConversionError(text);
    return NaN;
  }
  return Number(text.replace(/\p{Nd}/gu, asciiDigit));
}

/** Python's \\d and float() take any Unicode decimal digit; each script's digits are runs of ten. */
function asciiDigit(ch: string): string {
  const cp = ch.codePointAt(0) ?? 48;
  if (cp < 128) return ch;
  let start = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((cp - start) % 10);
}

function buildGrammar(): { expr: El; end: El } {
  const hex = (n: number) => `[0-9a-fA-F]{${n}}`;
  const hexName = (n: number) => `W:(0-9A-Fa-f){${n}}`;
  const nullTok = new Re('None|none|null', "Re:('None|none|null')", () => null);
  const boolTok = new Re(
    'False|True|false|true',
    "Re:('False|True|false|true')",
    (m) => m.toLowerCase() === 'true',
  );
  // Combine(hex8 + (Optional("-") + hex4) * 3 + Optional("-") + hex12): one token, no inner whitespace.
  const uuidTok = new Re(
    `${hex(8)}(?:-?${hex(4)}){3}-?${hex(12)}`,
    `Combine:({${hexName(8)} {['-'] ${hexName(4)}} {['-'] ${hexName(4)}} {['-'] ${hexName(4)}} ['-'] ${hexName(12)}})`,
    (m) => m,
  );
  const identTok = new Re('[A-Za-z][0-9A-Za-z_]*', 'W:(A-Za-z, 0-9A-Z_a-z)', (m) => m);
  const numberTok = new Re(
    String.raw`[+-]?\p{Nd}+(:?\.\p{Nd}*)?(:?[eE][+-]?\p{Nd}+)?`,
    `Re:('${NUMBER_PATTERN}')`,
    numberToken,
  );
  const term = new Fwd('');
  const inList = new GroupEl(
    new Seq([
      new Lit('[', true),
      new Opt(new Seq([term, new Many(new Seq([new Lit(',', true), term]), 0)])),
      new Lit(']', true),
    ]),
    () => 'list',
  );
  inList.name = "Group:({Suppress:('[') [: ... [, : ...]...] Suppress:(']')})";
  const termAlternatives = new First([
    nullTok,
    boolTok,
    uuidTok,
    identTok,
    numberTok,
    new Quoted('"'),
    new Quoted("'"),
    inList,
  ]);
  term.target = termAlternatives;
  term.name = termAlternatives.name;
  const operator = new Re(OPERATOR_PATTERN, `Re:(${pyStrRepr(OPERATOR_PATTERN)})`, (m) => m);
  // A condition whose first token is the list group inherits the `list` results name, and Gnocchi's fold then
  // keeps it as a raw list: pyparsing's get_name() at work.
  const condition = new GroupEl(new Seq([term, operator, term]), (toks) =>
    toks[0] instanceof Group && toks[0].name === 'list' ? 'list' : undefined,
  );

  const ret = new Fwd('');
  const nested = new Seq([new Lit('(', true), ret, new Lit(')', true)]);
  let last: El = new First([condition, nested]);

  const notLevel = new Fwd("'not' operations");
  const notWord = new Lit('not');
  notLevel.target = new First(
    [
      new Seq([
        new Ahead(new Seq([notWord, notLevel])),
        new GroupEl(new Seq([new Opt(notWord), notLevel]), () => undefined),
      ]),
      last,
    ],
    "'not' operations",
  );
  last = notLevel;
  for (const op of ['and', '∧', 'or', '∨']) {
    const opLit = new Lit(op);
    const level = new Fwd(`${pyStrRepr(op)} operations`);
    level.target = new First(
      [
        new Seq([
          new Ahead(new Seq([last, opLit, last])),
          new GroupEl(new Seq([last, new Many(new Seq([opLit, last]), 1)]), () => undefined),
        ]),
        last,
      ],
      level.name,
    );
    last = level;
  }
  ret.target = last;
  ret.name = last.name;

  class End extends El {
    impl(ctx: Ctx, loc: number): Ok {
      if (loc < ctx.text.length) throw new Fail(loc, this.errmsg);
      return { loc, toks: [] };
    }
  }
  return { expr: ret, end: new End('end of text') };
}

const GRAMMAR = buildGrammar();

// ---------------------------------------------------------------- pyparsing's error text

const FOUND_WORD = new RegExp(
  '[0-9A-Za-z\\u00aa\\u00b2\\u00b3\\u00b5\\u00b9\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u0374\\u0376\\u0377\\u037a-\\u037d\\u037f\\u0386\\u0388-\\u038a\\u038c\\u038e-\\u03a1\\u03a3-\\u03e1\\u03f0-\\u03f5\\u03f7-\\u0481\\u048a-\\u052f\\u1c80-\\u1c88\\u1d26-\\u1d2b\\u1d5e\\u1d60\\u1d66-\\u1d6a\\u1d78\\u1f00-\\u1f15\\u1f18-\\u1f1d\\u1f20-\\u1f45\\u1f48-\\u1f4d\\u1f50-\\u1f57\\u1f59\\u1f5b\\u1f5d\\u1f5f-\\u1f7d\\u1f80-\\u1fb4\\u1fb6-\\u1fbc\\u1fbe\\u1fc2-\\u1fc4\\u1fc6-\\u1fcc\\u1fd0-\\u1fd3\\u1fd6-\\u1fdb\\u1fe0-\\u1fec\\u1ff2-\\u1ff4\\u1ff6-\\u1ffc\\ua640-\\ua66e\\ua67f-\\ua69d\\uab65]{1,16}',
  'y',
);

/** ParseException.__str__: message, the word found there, and the position in code points. */
function formatFailure(text: string, fail: Fail): string {
  let found = '';
  if (text.length > 0) {
    if (fail.loc >= text.length) found = 'end of text';
    else {
      FOUND_WORD.lastIndex = fail.loc;
      const word = FOUND_WORD.exec(text)?.[0] ?? String.fromCodePoint(text.codePointAt(fail.loc) ?? 0);
      found = pyStrRepr(word).replaceAll('\\\\', '\\');
    }
  }
  const before = text.slice(0, fail.loc);
  const loc = [...before].length;
  const lastNewline = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  const col =
    loc > 0 && loc < [...text].length && before.endsWith('\n')
      ? 1
      : loc - [...before.slice(0, lastNewline + 1)].length + 1;
  return `${fail.msg}${found ? `, found ${found}` : ''}  (at char ${loc}), (line:${line}, col:${col})`;
}

/** str.expandtabs(): pyparsing parses the tab-expanded text. */
function expandTabs(text: string): string {
  let out = '';
  let column = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const spaces = 8 - (column % 8);
      out += ' '.repeat(spaces);
      column += spaces;
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------- Gnocchi's fold (_parsed_query2dict)

/** A one-entry Python dict of the fold; its key may be any token (Gnocchi does not check). */
class PyDict {
  constructor(
    readonly key: Tok,
    readonly value: PyVal,
  ) {}
}
type PyVal = Tok | PyDict | PyVal[];

/** Where Gnocchi's fold itself raises (AttributeError, IndexError): a 500 there, a 400 here. */
class FoldError extends Error {}

function asList(group: Group): PyVal[] {
  return group.items.map((t) => (t instanceof Group ? asList(t) : t));
}

function truthy(v: PyVal): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Group) return v.items.length > 0;
  return true;
}

function fold(group: Group): PyVal {
  const stack = [...group.items];
  const pop = (): Tok => {
    if (stack.length === 0) throw new FoldError();
    return stack.pop() as Tok;
  };
  let result: PyVal = null;
  while (stack.length > 0) {
    const part = pop();
    if (typeof part === 'string' && (BINARY_OPERATORS as readonly string[]).includes(part)) {
      result = new PyDict(part, new PyDict(pop(), result));
    } else if (typeof part === 'string' && (MULTIPLE_OPERATORS as readonly string[]).includes(part)) {
      if (!(result instanceof PyDict)) throw new FoldError();
      const current: PyVal | null = result.key === part ? result.value : null;
      if (current !== null && truthy(current)) {
        if (!Array.isArray(current)) throw new FoldError();
        const next = pop();
        if (!(next instanceof Group)) throw new FoldError();
        current.push(fold(next));
      } else {
        result = new PyDict(part, [result]);
      }
    } else if (typeof part === 'string' && (UNARY_OPERATORS as readonly string[]).includes(part)) {
      result = new PyDict(part, result);
    } else if (part instanceof Group) {
      const res = part.name === 'list' ? asList(part) : fold(part);
      if (result === null) result = res;
      else if (result instanceof PyDict) {
        if (!Array.isArray(result.value)) throw new FoldError();
        result.value.push(res);
      }
    } else {
      result = part;
    }
  }
  return result;
}

// ---------------------------------------------------------------- output

/**
 * What the parser knows about its own output, for validateFilter: every number it wrote is a Python float
 * (`str(1.0)` is "1.0", which a String column compares), and a comparison's field may be a non-string that
 * JSON cannot key by (`1=a` keys by the float 1.0, shown as "1.0").
 */
export interface ParsedOrigin {
  readonly nonStringKey?: { readonly repr: string };
}
const ORIGIN = new WeakMap<object, ParsedOrigin>();

/** How the parser made `node`, when it did (undefined for a JSON body). */
export function parsedOrigin(node: object): ParsedOrigin | undefined {
  return ORIGIN.get(node);
}

function keyRepr(key: Tok): { json: string; repr: string } | null {
  if (typeof key === 'string') return null;
  if (key === null) return { json: 'null', repr: 'None' };
  if (typeof key === 'boolean') return { json: String(key), repr: key ? 'True' : 'False' };
  if (typeof key === 'number') {
    const text = pyFloatRepr(key);
    return { json: text, repr: text };
  }
  throw new FoldError(); // a list as a key: Python's json cannot write it either
}

function toJson(v: PyVal): unknown {
  if (v instanceof PyDict) {
    const nonString = keyRepr(v.key);
    const out: Record<string, unknown> = {};
    out[nonString ? nonString.json : (v.key as string)] = toJson(v.value);
    ORIGIN.set(out, nonString ? { nonStringKey: { repr: nonString.repr } } : {});
    return out;
  }
  if (Array.isArray(v)) {
    const out = v.map(toJson);
    ORIGIN.set(out, {});
    return out;
  }
  if (v instanceof Group) throw new FoldError();
  return v;
}

/**
 * The `?filter=` text → the JSON filter tree Gnocchi builds (before ResourceSearchSchema). Numbers are floats,
 * operator tokens verbatim, n-ary chains in reverse source order. Throws GnocchiError 400
 * "Invalid filter: Expected …" with pyparsing's message.
 */
export function parseSearchQueryString(text: string): unknown {
  const expanded = expandTabs(text);
  const ctx = new Ctx(expanded);
  let tokens: readonly Tok[];
  try {
    const r = ctx.run(GRAMMAR.expr, 0);
    ctx.run(GRAMMAR.end, r.loc);
    tokens = r.toks;
  } catch (e) {
    if (e instanceof Fail) throw badRequest(`Invalid filter: ${formatFailure(expanded, e)}`);
    if (e instanceof NumberConversionError)
      throw badRequest(`Invalid filter: could not convert string to float: ${pyStrRepr(e.text)}`);
    throw e;
  }
  const top = tokens[0];
  try {
    if (!(top instanceof Group)) throw new FoldError();
    return toJson(fold(top));
  } catch (e) {
    if (e instanceof FoldError) throw badRequest('Invalid filter: Unable to parse this query');
    throw e;
  }
}
