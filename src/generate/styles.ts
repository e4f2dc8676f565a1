/**
 * The interaction styles and formats `specgate new` writes. A module of its own so that the command's
 * flag definitions, loaded on every start, name them without loading the templates' renderer.
 */
export const STYLES = ['request-reply', 'event', 'command', 'pubsub'] as const;
export type Style = (typeof STYLES)[number];
export const FORMATS = ['asyncapi', 'openapi'] as const;
export type ScaffoldFormat = (typeof FORMATS)[number];
