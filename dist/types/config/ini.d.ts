/**
 * PyTaskFarmer's INI definitions, mapped to our configuration. PyTaskFarmer reads them with
 * Python's configparser (`[name]` sections, `key = value` or `key: value`, `#`/`;` comment
 * lines, indented continuation lines, a `[DEFAULT]` section for `%(key)s` interpolation, `%%`) and passes every key but `Runner`/`TaskList` to the class's constructor.
 */
import type { HandlerConfig, RunnerConfig } from './types.js';
export interface IniSection {
    name: string;
    /** 1-based line of the `[name]` header. */
    line: number;
    values: Map<string, string>;
}
/** A definition read from an INI section: mapped, or why it cannot be. */
export type IniDefinition = {
    kind: 'runner';
    name: string;
    line: number;
    config: RunnerConfig;
} | {
    kind: 'tasklist';
    name: string;
    line: number;
    config: HandlerConfig;
} | {
    kind: 'runner' | 'tasklist';
    name: string;
    line: number;
    error: string;
};
export interface IniProblem {
    line: number;
    message: string;
}
/** configparser's syntax; problems are collected, not thrown. */
export declare function parseIni(text: string): {
    sections: IniSection[];
    problems: IniProblem[];
};
/** Each section that defines a runner or a tasklist handler, mapped or with the reason it cannot be. */
export declare function mapIni(sections: IniSection[]): IniDefinition[];
