/** The library: both the CLI and the GitHub Action are thin adapters over these. */
export { farm } from './farm/farm.js';
export type { FarmOptions, FarmResult, FarmEvent, ExitCode, StopReason } from './farm/options.js';
export { status, formatStatus } from './report/status.js';
export type { StatusSnapshot, FarmerStatus } from './report/status.js';
export { buildReport } from './report/report.js';
export type { Report, ReportTask, ReportFailure, ReportFarmer, ReportOptions } from './report/report.js';
export { renderMarkdownSummary } from './report/markdown.js';
export type { MarkdownOptions } from './report/markdown.js';
export type { Runner, RunSpec, TaskContext } from './runners/types.js';
export type { TasklistHandler } from './tasklist/handlers.js';
export { loadConfig } from './config/load.js';
export type { LoadOptions, LoadedConfig } from './config/load.js';
export type { ConfigDocument, RunnerConfig, HandlerConfig } from './config/types.js';
export { UsageError } from './util/errors.js';
