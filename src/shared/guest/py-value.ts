// The values a record of the protocol holds, as Python 2 saw them: the service writes records as repr() of a
// MongoDB document, and the client reads them back. A Python int and a Python float print differently (489,
// 0.0), so an int is a bigint here and a float a number; strings are unicode (u'…') unless said otherwise.

export class PyObjectId {
  constructor(readonly hex: string) {}
}

/** A Python 2 byte string, which repr() prints without the u prefix (the envelope's `message`). */
export class PyStr {
  constructor(readonly value: string) {}
}

export type PyValue = null | boolean | bigint | number | string | PyStr | PyObjectId | PyValue[] | PyDict;

/** A dict in its keys' insertion order, as the stored document and its repr() keep them. */
export interface PyDict {
  [key: string]: PyValue;
}
