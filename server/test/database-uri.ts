/**
 * The URI of database `name` on the server of `base` (`mongodb://host[:port][,host…][/db][?options]`): the
 * path is replaced, the options kept (e.g. `?replicaSet=rs0` of a TEST_MONGODB_URI). Its own module, without
 * vitest's `inject`, so global-setup.ts can use it too.
 */
export function databaseUri(base: string, name: string): string {
  const q = base.indexOf('?');
  const [head, query] = q < 0 ? [base, ''] : [base.slice(0, q), base.slice(q)];
  const hostsEnd = head.indexOf('/', head.indexOf('://') + 3);
  return `${hostsEnd < 0 ? head : head.slice(0, hostsEnd)}/${name}${query}`;
}
