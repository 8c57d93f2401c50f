import { z } from 'zod';

// The guest service answers in one envelope. The document's own answers are not JSON as printed: their record
// strings hold raw line breaks and tabs, which JSON forbids inside strings. A reader that wants those answers
// escapes such characters inside strings first; everything else must still be JSON.

const GuestAnswerSchema = z.object({
  status_code: z.coerce.number().int(),
  session_id: z.string().nullish(),
  message_id: z.string().nullish(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
  method: z.coerce.number().int(),
});
export type GuestAnswer = z.infer<typeof GuestAnswerSchema>;

export class GuestAnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GuestAnswerError';
  }
}

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with the raw line breaks and tabs that sit inside JSON strings escaped; the rest untouched. */
function escapeControlsInStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      out += CONTROL_ESCAPES[ch] ?? ch;
    } else {
      if (ch === '"') inString = true;
      out += ch;
    }
  }
  return out;
}

/** Reads an answer envelope, tolerating raw tabs and line breaks inside its strings. */
export function readGuestAnswer(text: string): GuestAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(escapeControlsInStrings(text));
  } catch (error) {
    throw new GuestAnswerError('the guest service answered with something that is not JSON', {
      cause: error,
    });
  }
  const answer = GuestAnswerSchema.safeParse(parsed);
  if (!answer.success) {
    throw new GuestAnswerError(
      `the guest service's answer is not an envelope: ${z.prettifyError(answer.error)}`,
    );
  }
  return answer.data;
}

/** The records of a query's answer: its `data` as strings (null and absent read as none). */
export function recordStrings(answer: GuestAnswer): string[] {
  if (answer.data === null || answer.data === undefined) return [];
  const records = z.array(z.string()).safeParse(answer.data);
  if (!records.success) throw new GuestAnswerError("the guest service's data is not a list of records");
  return records.data;
}
