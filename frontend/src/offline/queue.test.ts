import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityKind } from '../gql/graphql';
import { validateActivity, type ActivityDraft } from './RecordActivity';
import { enqueue, find, queuedFor, remove, STORAGE_KEY, type QueuedActivity } from './queue';
import { flush, sendOne } from './sync';

const ME = 'T3BlcmF0b3I6Mg';
const OTHER = 'T3BlcmF0b3I6OQ';

interface Body {
  query: string;
  variables: { input: Record<string, unknown> };
}

let fetchMock: ReturnType<typeof vi.fn>;

/** Answers each request with the next answer of the list (a Response, or an Error to reject with). */
function stubAnswers(...answers: (() => Response | Error)[]) {
  fetchMock = vi.fn(() => {
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no more answers'));
    const a = next();
    return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
  });
  vi.stubGlobal('fetch', fetchMock);
}

function sentBodies(): Body[] {
  return fetchMock.mock.calls.map((c) => JSON.parse((c[1] as RequestInit).body as string) as Body);
}

const ok =
  (id = 'QWN0aXZpdHk6MQ') =>
  () =>
    new Response(JSON.stringify({ data: { recordActivity: { activity: { id } } } }), { status: 200 });
const refusal = (code: string, message: string, field?: string) => () =>
  new Response(
    JSON.stringify({
      data: null,
      errors: [{ message, path: ['recordActivity'], extensions: { code, ...(field ? { field } : {}) } }],
    }),
    { status: 200 },
  );
const lost = () => () => new TypeError('Failed to fetch');

function add(operatorId: string, kind: ActivityKind = 'DELIVERED_HOURS', extra: Partial<QueuedActivity['input']> = {}) {
  return enqueue({
    operatorId,
    label: 'Rossi Mario – Assistenza domiciliare',
    returnTo: '/cittadini/Q2l0aXplbjox',
    input: { interventionId: 'SW50ZXJ2ZW50aW9uOjc', kind, occurredAt: '2025-03-10T09:00:00.000Z', hours: 2, ...extra },
  });
}

/** Entries written one millisecond apart, so "oldest first" is well defined. */
function addInOrder(n: number, operatorId = ME): QueuedActivity[] {
  const out: QueuedActivity[] = [];
  for (let i = 0; i < n; i++) {
    vi.setSystemTime(new Date(Date.UTC(2025, 2, 10, 9, 0, i)));
    out.push(add(operatorId, 'DELIVERED_HOURS', { hours: i + 1 }));
  }
  return out;
}

beforeEach(() => {
  window.localStorage.clear();
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('the device queue', () => {
  it('gives each entry its own idempotency key the server accepts (8 to 100 characters, no spaces)', () => {
    const [a, b] = addInOrder(2);
    expect(a!.key).not.toBe(b!.key);
    for (const e of [a!, b!]) {
      expect(e.key.length).toBeGreaterThanOrEqual(8);
      expect(e.key.length).toBeLessThanOrEqual(100);
      expect(e.key).not.toMatch(/\s/);
      expect(e).toMatchObject({ status: 'pending', attempts: 0, operatorId: ME });
    }
    expect(JSON.parse(window.localStorage.getItem(STORAGE_KEY)!)).toHaveLength(2);
  });

  it("lists only the operator's own entries, oldest first", () => {
    vi.setSystemTime(new Date('2025-03-10T10:00:00Z'));
    const late = add(ME);
    vi.setSystemTime(new Date('2025-03-10T08:00:00Z'));
    const other = add(OTHER);
    vi.setSystemTime(new Date('2025-03-10T09:00:00Z'));
    const early = add(ME);
    expect(queuedFor(ME).map((e) => e.key)).toEqual([early.key, late.key]);
    expect(queuedFor(OTHER).map((e) => e.key)).toEqual([other.key]);
  });

  it('removing the last entry leaves nothing in storage', () => {
    const e = add(ME);
    remove(e.key);
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(find(e.key)).toBeUndefined();
  });
});

describe('sending the queue', () => {
  it('sends each entry with its own key, and the same key again after a lost answer: exactly once', async () => {
    const [a, b] = addInOrder(2);
    // the first answer is lost (the server may have stored it): the round stops there
    stubAnswers(lost(), ok('X1'), ok('X2'));

    expect(await flush(ME)).toEqual({ sent: 0, left: 2 });
    expect(sentBodies()).toHaveLength(1);
    expect(sentBodies()[0]!.query).toContain('mutation RecordQueuedActivity');
    expect(sentBodies()[0]!.variables.input).toEqual({
      interventionId: 'SW50ZXJ2ZW50aW9uOjc',
      kind: 'DELIVERED_HOURS',
      occurredAt: '2025-03-10T09:00:00.000Z',
      hours: 1,
      idempotencyKey: a!.key,
    });
    expect(find(a!.key)).toMatchObject({ status: 'pending', attempts: 1, error: 'Failed to fetch' });
    expect(find(b!.key)).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await flush(ME)).toEqual({ sent: 2, left: 0 });
    const keys = sentBodies().map((s) => s.variables.input.idempotencyKey);
    expect(keys).toEqual([a!.key, a!.key, b!.key]);
    expect(sentBodies()[2]!.variables.input.hours).toBe(2);
    expect(queuedFor(ME)).toEqual([]);
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();

    // nothing left: a further round sends nothing
    await flush(ME);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("neither sends nor lists another operator's entries on the same device", async () => {
    const theirs = add(OTHER);
    const mine = add(ME);
    stubAnswers(ok(), ok());
    expect(await flush(ME)).toEqual({ sent: 1, left: 0 });
    expect(sentBodies().map((s) => s.variables.input.idempotencyKey)).toEqual([mine.key]);
    expect(find(theirs.key)).toMatchObject({ status: 'pending', attempts: 0, operatorId: OTHER });
    expect(queuedFor(ME)).toEqual([]);
  });

  it('keeps a refused entry as failed with the reason and field, goes on, and stops at a network failure', async () => {
    const [refused, accepted, unreachable, after] = addInOrder(4);
    stubAnswers(
      refusal('BAD_USER_INPUT', 'hours are more than 0 and at most 24 per entry', 'hours'),
      ok(),
      lost(),
      ok(),
    );

    expect(await flush(ME)).toEqual({ sent: 1, left: 2 });
    expect(sentBodies().map((s) => s.variables.input.idempotencyKey)).toEqual([
      refused!.key,
      accepted!.key,
      unreachable!.key,
    ]);
    expect(find(refused!.key)).toMatchObject({
      status: 'failed',
      error: 'hours are more than 0 and at most 24 per entry',
      errorField: 'hours',
      attempts: 1,
    });
    expect(find(accepted!.key)).toBeUndefined();
    expect(find(unreachable!.key)).toMatchObject({ status: 'pending', attempts: 1, error: 'Failed to fetch' });
    expect(find(after!.key)).toMatchObject({ status: 'pending', attempts: 0 });

    // the next round: the refused one is not sent again, the others go, attempts counted
    stubAnswers(lost());
    await flush(ME);
    expect(sentBodies().map((s) => s.variables.input.idempotencyKey)).toEqual([unreachable!.key]);
    expect(find(unreachable!.key)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(find(refused!.key)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it.each([
    ['BAD_USER_INPUT', 'refused'],
    ['FORBIDDEN', 'refused'],
    ['NOT_FOUND', 'refused'],
    ['CONFLICT', 'refused'],
    ['INTERNAL', 'unreachable'],
    ['RATE_LIMITED', 'unreachable'],
    ['UNAVAILABLE', 'unreachable'],
    ['UNAUTHENTICATED', 'signedOut'],
  ])('classifies a %s answer as %s', async (code, outcome) => {
    const e = add(ME);
    stubAnswers(refusal(code, `answer ${code}`, code === 'BAD_USER_INPUT' ? 'occurredAt' : undefined));
    const got = await sendOne(e);
    expect(got.outcome).toBe(outcome);
    expect(got.error).toBe(`answer ${code}`);
    if (code === 'BAD_USER_INPUT') expect(got.field).toBe('occurredAt');
  });

  it('treats an HTTP error without a GraphQL body as unreachable', async () => {
    const e = add(ME);
    stubAnswers(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await sendOne(e)).outcome).toBe('unreachable');
  });

  it.each(['UNAUTHENTICATED', 'INTERNAL', 'RATE_LIMITED', 'UNAVAILABLE'])(
    'after %s keeps the entry pending and stops the round',
    async (code) => {
      const [first, second] = addInOrder(2);
      stubAnswers(refusal(code, 'not now'), ok());
      expect(await flush(ME)).toEqual({ sent: 0, left: 2 });
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(find(first!.key)).toMatchObject({ status: 'pending', attempts: 1, error: 'not now' });
      expect(find(second!.key)).toMatchObject({ status: 'pending', attempts: 0 });
    },
  );

  it('does not send an entry discarded while an earlier one was being sent', async () => {
    const [first, second] = addInOrder(2);
    let answer: (r: Response) => void = () => {};
    fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetchMock);

    const round = flush(ME);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(find(first!.key)).toMatchObject({ status: 'sending' });
    remove(second!.key);
    answer(ok()());
    expect(await round).toEqual({ sent: 1, left: 0 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('skips the round when another tab holds the lock (navigator.locks)', async () => {
    add(ME);
    stubAnswers(ok());
    const request = vi.fn((_name: string, _opts: LockOptions, cb: (lock: Lock | null) => Promise<unknown>) => cb(null));
    vi.stubGlobal('navigator', { ...navigator, locks: { request } });
    expect(await flush(ME)).toEqual({ sent: 0, left: 1 });
    expect(request).toHaveBeenCalledWith('siso-offline-queue', { ifAvailable: true }, expect.any(Function));
    expect(fetchMock).not.toHaveBeenCalled();

    // with the lock granted, it sends
    request.mockImplementation((_n, _o, cb) => cb({ name: 'siso-offline-queue', mode: 'exclusive' } as Lock));
    expect(await flush(ME)).toEqual({ sent: 1, left: 0 });
  });
});

describe('validateActivity (the server rules of internal/care/activities.go)', () => {
  const now = new Date(2025, 2, 10, 12, 0); // 10 March 2025, 12:00 local time
  const local = (d: Date) => {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const minutes = (m: number) => local(new Date(now.getTime() + m * 60_000));
  const draft = (change: Partial<ActivityDraft>): ActivityDraft => ({
    kind: 'MEETING',
    occurredAt: local(now),
    hours: '',
    text: '',
    confidential: false,
    ...change,
  });

  const cases: [string, Partial<ActivityDraft>, 'case' | 'intervention', boolean, Record<string, string>][] = [
    ['a meeting now', {}, 'case', false, {}],
    ['no date', { occurredAt: '' }, 'case', false, { occurredAt: 'offline.errors.occurredAt' }],
    ['4 minutes ahead', { occurredAt: minutes(4) }, 'case', false, {}],
    ['6 minutes ahead', { occurredAt: minutes(6) }, 'case', false, { occurredAt: 'offline.errors.future' }],
    ['tomorrow', { occurredAt: minutes(24 * 60) }, 'case', false, { occurredAt: 'offline.errors.future' }],
    ['one year ago, one minute later', { occurredAt: '2024-03-10T12:01' }, 'case', false, {}],
    [
      'one year ago, one minute earlier',
      { occurredAt: '2024-03-10T11:59' },
      'case',
      false,
      { occurredAt: 'offline.errors.tooOld' },
    ],
    // the server compares with the same time of day a year ago, not with that day's midnight
    [
      'the same day a year ago, earlier in the day',
      { occurredAt: '2024-03-10T00:30' },
      'case',
      false,
      { occurredAt: 'offline.errors.tooOld' },
    ],
    ['two years ago', { occurredAt: '2023-06-01T10:00' }, 'case', false, { occurredAt: 'offline.errors.tooOld' }],
    [
      'delivered hours on a case',
      { kind: 'DELIVERED_HOURS', hours: '2' },
      'case',
      false,
      { kind: 'offline.errors.hoursOnIntervention' },
    ],
    ['delivered hours on an intervention', { kind: 'DELIVERED_HOURS', hours: '2' }, 'intervention', false, {}],
    [
      'delivered hours without hours',
      { kind: 'DELIVERED_HOURS' },
      'intervention',
      false,
      { hours: 'offline.errors.hoursRequired' },
    ],
    ['a provider: delivered hours', { kind: 'DELIVERED_HOURS', hours: '3' }, 'intervention', true, {}],
    ['a provider: home visit', { kind: 'HOME_VISIT' }, 'intervention', true, {}],
    ['a provider: meeting', { kind: 'MEETING' }, 'intervention', true, { kind: 'offline.errors.providerKind' }],
    [
      'a provider: note',
      { kind: 'NOTE', text: 'osservazioni' },
      'intervention',
      true,
      { kind: 'offline.errors.providerKind' },
    ],
    ['a provider: phone call', { kind: 'PHONE_CALL' }, 'intervention', true, { kind: 'offline.errors.providerKind' }],
    ['0 hours', { hours: '0' }, 'case', false, { hours: 'offline.errors.hours' }],
    ['negative hours', { hours: '-1' }, 'case', false, { hours: 'offline.errors.hours' }],
    ['24 hours', { hours: '24' }, 'case', false, {}],
    ['24.01 hours', { hours: '24.01' }, 'case', false, { hours: 'offline.errors.hours' }],
    ['1,5 hours (Italian decimal comma)', { hours: '1,5' }, 'case', false, {}],
    ['0.25 hours', { hours: '0.25' }, 'case', false, {}],
    // the server rounds to hundredths first
    ['0.004 hours (0 once rounded)', { hours: '0.004' }, 'case', false, { hours: 'offline.errors.hours' }],
    ['24.004 hours (24 once rounded)', { hours: '24.004' }, 'case', false, {}],
    ['hours that are not a number', { hours: 'due' }, 'case', false, { hours: 'offline.errors.hours' }],
    ['a note without text', { kind: 'NOTE' }, 'case', false, { text: 'offline.errors.textRequired' }],
    ['a note of blanks', { kind: 'NOTE', text: '  \n ' }, 'case', false, { text: 'offline.errors.textRequired' }],
    ['a report without text', { kind: 'REPORT' }, 'case', false, { text: 'offline.errors.textRequired' }],
    ['a note with text', { kind: 'NOTE', text: 'Sentita la figlia' }, 'case', false, {}],
    ['a meeting without text', { kind: 'MEETING' }, 'case', false, {}],
    ['8000 characters', { kind: 'NOTE', text: 'è'.repeat(8000) }, 'case', false, {}],
    ['8001 characters', { kind: 'NOTE', text: 'è'.repeat(8001) }, 'case', false, { text: 'offline.errors.textLong' }],
    ['8000 characters and blanks around', { kind: 'NOTE', text: ` ${'a'.repeat(8000)}\n` }, 'case', false, {}],
  ];

  it.each(cases)('%s', (_name, change, target, asProvider, expected) => {
    expect(validateActivity(draft(change), target, asProvider, now)).toEqual(expected);
  });
});
