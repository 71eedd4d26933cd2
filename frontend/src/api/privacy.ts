import type { GraphQLErrorLike } from './client';

export type ResponsePath = readonly (string | number)[];

/** Why a field was withheld: the policy the server named and its message. */
export interface Denial {
  policy: string | undefined;
  message: string;
}

function isPrefix(prefix: ResponsePath, path: ResponsePath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, i) => segment === path[i]);
}

/**
 * Tells whether the field at `path` (e.g. `['citizen', 'household', 'members', 0, 'phone']`) was
 * denied: the server answered `null` there, or at one of its parents, with an error whose
 * `extensions.code` is FORBIDDEN. Returns the denial, or null when the field was not denied.
 */
export function deniedAt(errors: readonly GraphQLErrorLike[] | undefined, path: ResponsePath): Denial | null {
  if (!errors) return null;
  for (const error of errors) {
    if (error.extensions?.code !== 'FORBIDDEN' || !error.path) continue;
    if (isPrefix(error.path, path)) {
      return { policy: error.extensions.policy, message: error.message };
    }
  }
  return null;
}
