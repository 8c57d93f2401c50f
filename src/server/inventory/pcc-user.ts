// A PCC user has two names: its short `name` (`dev`) and its vSphere `login` (`dev@pcc-1-2-3-4.ovh.com`).
// OVH's `GET …/user?name=` is a LIKE filter that also returns `devops` for `dev`, so the user meant is picked
// here from the objects it returned. Merging them would hand `dev` the datacenters of `devops`.

export interface PccUserNames {
  userId: number;
  name: string;
  login: string;
}

/** What to send to OVH's `?name=` filter, which only knows short names. */
export function shortNameOf(pccUser: string): string {
  return pccUser.split('@')[0] ?? pccUser;
}

const onlyOne = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);

/**
 * The user whose name (or login, when asked by login) is exactly `pccUser`; failing that, the one user whose
 * name differs only in case, because vCenter sign-in ignores case. Nobody when two users fit: guessing would
 * give one of them the other's rights.
 */
export function pickPccUser<U extends PccUserNames>(users: readonly U[], pccUser: string): U | undefined {
  const nameOf = pccUser.includes('@') ? (user: U) => user.login : (user: U) => user.name;
  const exact = users.filter((user) => nameOf(user) === pccUser);
  if (exact.length > 0) return onlyOne(exact);
  const folded = pccUser.toLowerCase();
  return onlyOne(users.filter((user) => nameOf(user).toLowerCase() === folded));
}
