import { DRAIN_SIGNAL, STOP_SIGNALS } from '../util/signals.js';
import type { StopReason } from './options.js';

export interface StopRequests {
  stop(reason: StopReason): void;
  drain(): void;
}

/**
 * What stops a farm from outside: the caller's AbortSignal, always; and process-wide signal
 * handlers (SIGINT/SIGTERM/SIGHUP/SIGUSR1 stop, SIGUSR2 drains) only when `handleSignals` asks
 * for them, as the CLI and the Action do: a library caller's process keeps its own signal
 * handling. Returns what removes them all, called when the farm ends.
 */
export function listenForStops(
  options: { handleSignals?: boolean; signal?: AbortSignal },
  to: StopRequests,
): () => void {
  const onAbort = () => to.stop('abort');
  // Aborted before the farm began (a caller's deadline already passed): stop before anything
  // is claimed, as an abort while waiting for the lock does. 'abort' would never fire again.
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const handlers = new Map<NodeJS.Signals, () => void>();
  if (options.handleSignals === true) {
    for (const sig of STOP_SIGNALS) handlers.set(sig, () => to.stop(`signal:${sig}`));
    handlers.set(DRAIN_SIGNAL, () => to.drain());
    for (const [sig, h] of handlers) process.on(sig, h);
  }
  return () => {
    options.signal?.removeEventListener('abort', onAbort);
    for (const [sig, h] of handlers) process.off(sig, h);
    handlers.clear();
  };
}
