// Finds line and column of many JSON pointers in one large YAML file off the main thread, so that both
// sides of a diff are scanned at once.
import { parentPort, workerData } from 'node:worker_threads';
import { Locator, prepareLocator } from '../load/locate.js';

const { text, pointers } = workerData as { text: string; pointers: string[] };
await prepareLocator();
parentPort!.postMessage(new Locator(text, 'yaml').locateAll(pointers));
