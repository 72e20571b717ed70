/** A value as one POSIX shell word: unchanged if it is plain, else in single quotes. */
export declare function shellQuote(value: string): string;
