import { DEMO_LOCAL_USERS } from './demo-accounts';
import type { Role } from './users';

// The passwords a local account may not have. Sign-in already makes each guess slow (scrypt) and rare (ten
// per five minutes per address), so what is left for an attacker is the top of every guessing list: common
// passwords and their variants, the user's own name, keyboard runs, dates. zxcvbn (with its common-password
// and keyboard dictionaries, no language) estimates how many guesses find a password, as a score:
// 2 is over 10^6 guesses, 3 over 10^8.

const MIN_SCORE: Record<Role, number> = {
  // Out of reach of online guessing: at the sign-in rate limit, 10^6 tries take one address about a year.
  viewer: 2,
  // Admins create the wall displays, and a display may see every datacenter: their password must also hold
  // for a while against offline guessing should the database and its scrypt hashes ever leak.
  admin: 3,
};

// zxcvbn names the pattern it found; what the person should avoid next time.
const REASONS: Record<string, string> = {
  topTen: 'it is one of the most common passwords',
  topHundred: 'it is one of the most common passwords',
  common: 'it is a common password',
  similarToCommon: 'it is a common password with a few changes',
  straightRow: 'it is a row of keys',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats characters',
  extendedRepeat: 'it repeats a short pattern',
  sequences: 'it is a sequence such as abc or 123',
  recentYears: 'it is built on a recent year',
  dates: 'it is built on a date',
  userInputs: 'it is built on the user name or a demo password',
};

// A name this short turns up in many passwords by chance and adds next to nothing to guessing them.
const MIN_NAME_LENGTH = 3;

/** The user name and its parts (`jean.dupont` also gives `jean` and `dupont`), which guessers try first. */
function namesOf(username: string): string[] {
  const lower = username.toLowerCase();
  return [...new Set([lower, ...lower.split(/[._@-]+/)])].filter((name) => name.length >= MIN_NAME_LENGTH);
}

const PUBLISHED: string[] = DEMO_LOCAL_USERS.map((demo) => demo.password);

type Estimator = (password: string, userInputs: string[]) => { score: number; warning: string | null };

let estimator: Promise<Estimator> | undefined;

// Loaded on first use: its dictionaries cost the server's memory and start-up, and only `npm run user` sets
// passwords.
function loadEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => {
      const zxcvbn = new core.ZxcvbnFactory({
        dictionary: common.dictionary,
        graphs: common.adjacencyGraphs,
      });
      return (password, userInputs) => {
        const { score, feedback } = zxcvbn.check(password, userInputs);
        return { score, warning: feedback.warning };
      };
    },
  );
  return estimator;
}

/** Why this password may not be set for this user, in words that say what to change; undefined if it may. */
export async function passwordProblem(
  password: string,
  user: { username: string; role: Role },
): Promise<string | undefined> {
  if (password.trim() === '') return 'Password must not be only spaces: use letters, digits or symbols.';
  const lower = password.toLowerCase();
  const name = user.username.toLowerCase();
  if (name.length >= MIN_NAME_LENGTH && lower.includes(name))
    return `Password must not contain the user name (${user.username}): choose one without it.`;
  if (PUBLISHED.includes(lower))
    return 'Password is one of the published demo passwords: choose one of your own.';
  // The name's parts are not refused outright, but zxcvbn counts them, and the published passwords'
  // variants, as the first words an attacker tries.
  const { score, warning } = (await loadEstimator())(password, [...namesOf(user.username), ...PUBLISHED]);
  if (score >= MIN_SCORE[user.role]) return undefined;
  const reason = warning ? REASONS[warning] : undefined;
  return (
    `Password is too easy to guess for ${user.role === 'admin' ? 'an admin' : 'a viewer'}` +
    `${reason ? ` (${reason})` : ''}: make it longer and less predictable, for example four or five ` +
    'unrelated words, or twelve random characters.'
  );
}
