/** True for an error of a filesystem that is (perhaps for a while) not answering. */
export declare function isUnreachable(err: unknown): boolean;
/** `ENOTCONN` (and the system's short text, if any), for one-line messages. */
export declare function errorCode(err: unknown): string;
/** The same, from the text of an error reported by another process (the task launcher's strerror). */
export declare function isUnreachableText(message: string): boolean;
