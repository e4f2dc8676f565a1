// Every diff check, one file each under checks/. `specgate diff --list-checks`, docs/diff.md and the tests read
// this registry; a test fails when a file in checks/ is missing here. Rule ids never change once released.
import additionalProperties from './checks/additional-properties.js';
import avroEnums from './checks/avro-enums.js';
import avroFields from './checks/avro-fields.js';
import avroFixed from './checks/avro-fixed.js';
import avroLogical from './checks/avro-logical.js';
import avroNames from './checks/avro-names.js';
import avroTypes from './checks/avro-types.js';
import avroUnions from './checks/avro-unions.js';
import bindings from './checks/bindings.js';
import channels from './checks/channels.js';
import conditional from './checks/conditional.js';
import contains from './checks/contains.js';
import contentEncoding from './checks/content-encoding.js';
import contentSchema from './checks/content-schema.js';
import defaultCheck from './checks/default.js';
import dependencies from './checks/dependencies.js';
import deprecation from './checks/deprecation.js';
import discriminator from './checks/discriminator.js';
import docs from './checks/docs.js';
import enumCheck from './checks/enum.js';
import format from './checks/format.js';
import items from './checks/items.js';
import library from './checks/library.js';
import maxItems from './checks/max-items.js';
import maxLength from './checks/max-length.js';
import maxProperties from './checks/max-properties.js';
import maximum from './checks/maximum.js';
import messages from './checks/messages.js';
import minItems from './checks/min-items.js';
import minLength from './checks/min-length.js';
import minProperties from './checks/min-properties.js';
import minimum from './checks/minimum.js';
import multipleOf from './checks/multiple-of.js';
import notCheck from './checks/not.js';
import operations from './checks/operations.js';
import parameters from './checks/parameters.js';
import pattern from './checks/pattern.js';
import patternProperties from './checks/pattern-properties.js';
import prefixItems from './checks/prefix-items.js';
import properties from './checks/properties.js';
import propertyNames from './checks/property-names.js';
import protoEnums from './checks/proto-enums.js';
import protoFieldTypes from './checks/proto-field-types.js';
import protoFields from './checks/proto-fields.js';
import protoMessages from './checks/proto-messages.js';
import readWriteOnly from './checks/read-write-only.js';
import requestBody from './checks/request-body.js';
import required from './checks/required.js';
import responses from './checks/responses.js';
import schemaDocs from './checks/schema-docs.js';
import security from './checks/security.js';
import servers from './checks/servers.js';
import specs from './checks/specs.js';
import typeCheck from './checks/type.js';
import unevaluated from './checks/unevaluated.js';
import uniqueItems from './checks/unique-items.js';
import variants from './checks/variants.js';
import type { Check, ModelCheck, SchemaCheck } from './check.js';
import type { RuleMeta } from './types.js';

/** In the order they run; the order of changes in reports is sorted separately. */
export const checks: Check[] = [
  additionalProperties,
  avroEnums,
  avroFields,
  avroFixed,
  avroLogical,
  avroNames,
  avroTypes,
  avroUnions,
  bindings,
  channels,
  conditional,
  contains,
  contentEncoding,
  contentSchema,
  defaultCheck,
  dependencies,
  deprecation,
  discriminator,
  docs,
  enumCheck,
  format,
  items,
  library,
  maxItems,
  maxLength,
  maxProperties,
  maximum,
  messages,
  minItems,
  minLength,
  minProperties,
  minimum,
  multipleOf,
  notCheck,
  operations,
  parameters,
  pattern,
  patternProperties,
  prefixItems,
  properties,
  propertyNames,
  protoEnums,
  protoFieldTypes,
  protoFields,
  protoMessages,
  readWriteOnly,
  requestBody,
  required,
  responses,
  schemaDocs,
  security,
  servers,
  specs,
  typeCheck,
  unevaluated,
  uniqueItems,
  variants,
];

export const schemaChecks = checks.filter((c): c is SchemaCheck => c.kind === 'schema');
export const modelChecks = checks.filter((c): c is ModelCheck => c.kind === 'model');

/** Every rule, sorted by id. */
export const rules: RuleMeta[] = checks.flatMap((c) => c.rules).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
export const ruleById = new Map(rules.map((r) => [r.id, r]));
