/** The commented starter config `specgate lint --init` writes. */
export const STARTER_CONFIG = `# specgate lint configuration. Found from each spec's folder upward; docs/lint.md explains every key.

# The built-in ruleset to start from: minimal (broken contracts only), recommended (design problems
# too; a well-designed document gets no warning) or strict (also metadata: contact, licence, tags,
# a description on every property). A path to another config file works too.
extends: recommended

# Per-rule severity (error, warning, info, hint, off) or { severity, ...options }.
# \`specgate rules\` lists every rule; Spectral and Redocly names of the same rules are accepted.
rules:
  # message-id-header:
  #   severity: error
  #   names: [messageId, x-message-id]
  # operation-4xx-response: off

# Settings for some files, or some nodes (JSON pointer globs), only.
overrides: []
  # - files: ['legacy/**/*.yaml']
  #   rules:
  #     message-kind-name: off
  # - pointers: ['/components/schemas/Legacy*']
  #   rules:
  #     no-unused-components: off

# Spec files not to lint (globs, relative to this file).
ignore: []
  # - 'vendor/**'

# A single node can opt out inline: \`x-specgate-ignore: [rule-id]\` on it (it applies to its children too).
`;
