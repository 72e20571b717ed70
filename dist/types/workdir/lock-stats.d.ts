export declare function recordLockHold(ms: number, claimed: number): void;
export declare function lockStats(): {
    holdMs: number[];
    claims: number[];
};
