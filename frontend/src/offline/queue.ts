import type { ActivityKind } from '../gql/graphql';

/**
 * The device's queue of activities waiting to be sent (diary entries and delivery records written
 * without a connection, or while the server did not answer). Each entry carries the idempotency key
 * chosen when it was written: however many times it is sent (a lost answer, two tabs, a retry), the
 * server stores it once.
 *
 * Entries live in localStorage under the operator who wrote them: another operator signing in on
 * the same device neither sees nor sends them. They hold what the operator typed, so they are kept
 * only until the server has them, and the queue page lets the operator discard them.
 */
export interface QueuedActivity {
  /** The idempotency key, also the entry's id in the queue. */
  key: string;
  /** The operator who wrote it (Viewer.id). */
  operatorId: string;
  /** When it was written on the device (ISO 8601). */
  createdAt: string;
  input: {
    caseId?: string;
    interventionId?: string;
    kind: ActivityKind;
    occurredAt: string;
    text?: string;
    hours?: number;
    confidential?: boolean;
  };
  /** What it is about, to list it while offline (e.g. the case's number and area). */
  label: string;
  /** Where to go to see it once sent. */
  returnTo: string;
  status: 'pending' | 'sending' | 'failed';
  /** Why the server refused it (status failed) or why the last try did not reach it. */
  error?: string;
  /** The input field the server's refusal names, if any. */
  errorField?: string;
  attempts: number;
}

export const STORAGE_KEY = 'siso.offline.activities';
const CHANGED = 'siso:offline-queue';

function readAll(): QueuedActivity[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as QueuedActivity[]) : [];
  } catch {
    return [];
  }
}

function writeAll(items: QueuedActivity[]): void {
  if (items.length === 0) window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  window.dispatchEvent(new Event(CHANGED));
}

/** One entry, wherever it stands. */
export function find(key: string): QueuedActivity | undefined {
  return readAll().find((a) => a.key === key);
}

/** The entries of one operator, oldest first. */
export function queuedFor(operatorId: string): QueuedActivity[] {
  return readAll()
    .filter((a) => a.operatorId === operatorId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A new idempotency key: random, 36 characters (the server takes 8 to 100, no spaces). */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function enqueue(item: Omit<QueuedActivity, 'key' | 'status' | 'attempts' | 'createdAt'>): QueuedActivity {
  const entry: QueuedActivity = {
    ...item,
    key: newKey(),
    createdAt: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
  };
  writeAll([...readAll(), entry]);
  return entry;
}

export function update(
  key: string,
  change: Partial<Pick<QueuedActivity, 'status' | 'error' | 'errorField' | 'attempts'>>,
): void {
  writeAll(readAll().map((a) => (a.key === key ? { ...a, ...change } : a)));
}

export function remove(key: string): void {
  writeAll(readAll().filter((a) => a.key !== key));
}

/** Calls back when the queue changes, in this tab or another one. Returns the unsubscribe. */
export function subscribe(callback: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY || e.key === null) callback();
  };
  window.addEventListener(CHANGED, callback);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, callback);
    window.removeEventListener('storage', onStorage);
  };
}
