// Write oclif.manifest.json so `specgate --help` does not import every command module at start-up.
import { Plugin } from '@oclif/core';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, isRoot: true, respectNoCacheDefault: true });
await plugin.load();
writeFileSync(path.join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2) + '\n');
