export interface LoadOptions {
    /** --config FILE / the `config` input; relative to cwd. Default: ./taskfarmer.yml if it exists. */
    file?: string;
    /** Default process.cwd(). */
    cwd?: string;
    /** Default the user's home directory. */
    home?: string;
}
export declare const DEFAULT_CONFIG_NAMES: string[];
export interface Found {
    path: string;
    /** An explicit file: INI classes we cannot map are errors, not unavailable names. */
    explicit: boolean;
}
/** The configuration files to read, lowest precedence first. */
export declare function configFiles(opts?: LoadOptions): Found[];
