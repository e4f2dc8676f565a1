import type { Change } from '../types.js';

/** What a folder run knows of the services a breaking change breaks; '' when it is not about that. */
export function affectsText(c: Change): string {
  if (!c.affects) return '';
  if (c.affects.length) return `breaks ${c.affects.join(', ')}`;
  return 'breaks no service in the folder (services outside it may still break)';
}
