/** Number of complete lines in a file (0 if it does not exist). */
export declare function countLines(path: string): number;
