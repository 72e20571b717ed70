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
export declare function listenForStops(options: {
    handleSignals?: boolean;
    signal?: AbortSignal;
}, to: StopRequests): () => void;
