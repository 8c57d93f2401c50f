// OVH documents `GET …/user?name=` as a "(like)" filter and says no more. The simulator takes the loosest
// reading: the value anywhere in the name, `%` and `_` as SQL wildcards, in any case. A client that passes
// here cannot be relying on the filter being exact.

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function likeFilter(value: string): (candidate: string) => boolean {
  const pattern = [...value]
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : escapeRegExp(char)))
    .join('');
  const regExp = new RegExp(pattern, 'is');
  return (candidate) => regExp.test(candidate);
}
