/** The one function of pg-copy-streams the screening service (and its bench) uses: the package ships no types. */
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  export type CopyStreamQuery = Writable & Submittable & { rowCount: number };
  export function from(text: string): CopyStreamQuery;
}
