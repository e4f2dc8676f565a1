import * as Flags from '@oclif/core/flags';

/** What the `$refs` of the specs a command reads may follow: the same two flags on every command. */
export const refFlags = {
  'allow-remote-refs': Flags.boolean({ description: 'fetch http(s) $refs (off by default)', default: false }),
  'allow-ref-outside': Flags.string({
    description: 'also let $refs read files under DIR; by default they stay under the project root (repeatable)',
    helpValue: 'DIR',
    multiple: true,
  }),
};

/** The run options the two flags give. */
export function refRunOptions(flags: { 'allow-remote-refs': boolean; 'allow-ref-outside'?: string[] }) {
  return { allowRemoteRefs: flags['allow-remote-refs'], allowRefOutside: flags['allow-ref-outside'] };
}
