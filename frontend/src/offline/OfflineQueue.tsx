import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useViewer } from '../api/viewer';
import { queuedFor, remove, subscribe, type QueuedActivity } from './queue';
import { flush } from './sync';

/** How often pending entries are retried while the device believes it is online. */
const RETRY_MS = 20_000;

interface OfflineQueueValue {
  online: boolean;
  items: QueuedActivity[];
  /** Sends what is pending now. */
  sendNow: () => Promise<void>;
  discard: (key: string) => void;
}

const Context = createContext<OfflineQueueValue | null>(null);

function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** Keeps the signed-in operator's queue of offline activities and sends it when the connection returns. */
export function OfflineQueueProvider({ children }: { children: ReactNode }) {
  const { viewer } = useViewer();
  const operatorId = viewer?.id ?? null;
  const online = useOnline();
  const [items, setItems] = useState<QueuedActivity[]>(() => (operatorId ? queuedFor(operatorId) : []));
  /** The round running now, so that whoever asks meanwhile can wait for the one after it. */
  const running = useRef<Promise<void> | null>(null);

  useEffect(() => {
    const refresh = () => setItems(operatorId ? queuedFor(operatorId) : []);
    refresh();
    return subscribe(refresh);
  }, [operatorId]);

  const again = useRef(false);

  const sendNow = useCallback((): Promise<void> => {
    if (!operatorId) return Promise.resolve();
    if (running.current) {
      // an entry added while a round is running is sent by one more round right after it, and the
      // caller (the form that just queued it) waits for that round too
      again.current = true;
      return running.current;
    }
    const rounds = (async () => {
      try {
        do {
          again.current = false;
          await flush(operatorId);
        } while (again.current);
      } finally {
        running.current = null;
      }
    })();
    running.current = rounds;
    return rounds;
  }, [operatorId]);

  const pending = items.some((a) => a.status !== 'failed');
  // When the connection comes back (or the app starts with something pending), send; while
  // something stays pending, try again now and then (the browser's online flag can be wrong).
  useEffect(() => {
    if (!online || !pending) return;
    void sendNow();
    const timer = window.setInterval(() => void sendNow(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [online, pending, sendNow]);

  const value = useMemo(() => ({ online, items, sendNow, discard: remove }), [online, items, sendNow]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useOfflineQueue(): OfflineQueueValue {
  const value = useContext(Context);
  if (!value) throw new Error('useOfflineQueue outside <OfflineQueueProvider>');
  return value;
}
