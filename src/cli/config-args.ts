/**
 * The `config` subcommand's arguments. Apart from what runs it (config-command.ts), which
 * needs the YAML and schema libraries: the CLI loads those only when a command uses them.
 */
import type { Command } from 'commander';

/** `taskfarmer config check [FILE]` and `taskfarmer config import FILE.ini`. */
export type ConfigArgs = { action: 'check'; file?: string } | { action: 'import'; file: string };

export function addConfigCommand(program: Command, parsed: (args: ConfigArgs) => void): void {
  const config = program
    .command('config')
    .description('check the configuration (runners, tasklist handlers), or convert PyTaskFarmer INI files');
  config
    .command('check')
    .description('validate the configuration files and print the runners and handlers they define')
    .argument('[file]', 'configuration file (default: ./taskfarmer.yml), read with ~/.taskfarmer/*.d/*.yaml')
    .action((file: string | undefined) => parsed({ action: 'check', file }));
  config
    .command('import')
    .description("print a PyTaskFarmer INI file's runners and tasklist handlers as taskfarmer YAML")
    .argument('<file>', 'INI file, e.g. ~/.pytaskfarmer/runners.d/shifter.ini')
    .action((file: string) => parsed({ action: 'import', file }));
}
