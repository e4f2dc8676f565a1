export { avroCodec } from './avro.js';
export { protobufCodec } from './protobuf.js';
export type { PayloadCodec } from './types.js';
