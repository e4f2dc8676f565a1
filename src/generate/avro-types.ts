/**
 * Avro schema → TypeScript types, read through avsc with the options the runtime uses (runtime
 * codecs/avro.ts `avroType`), so a type says what `fromBuffer` hands out and `toBuffer` takes:
 * records → interfaces (a field with a default is optional), enums → string-literal unions, arrays,
 * maps → `Record<string, T>`, unions → TS unions (`null` a branch like any other; a union avsc cannot
 * tell apart by JavaScript type stays wrapped, `{ "name": value }`), bytes and fixed → `Buffer`, int,
 * long, float, double → `number` (timestamps and dates too: their underlying long or int), decimal →
 * a decimal string. Named types get one declaration each, printed sorted by name.
 */
import type * as Avsc from 'avsc';
import { avroType } from '../runtime/codecs/avro.js';
import { docComment, propertyKey, stringLiteral } from './escape.js';
import { NameRegistry, pascalCase } from './naming.js';

export interface CodedPayload {
  /** TypeScript type of the payload. */
  type: string;
  /** Expression building the runtime codec (schema inlined). */
  codec: string;
  /** Content type sent when the message names none. */
  contentType: string;
}

export class AvroTypes {
  private readonly byType = new Map<Avsc.Type, string>();
  private readonly declarations = new Map<string, string>();

  constructor(private readonly names: NameRegistry) {}

  /** The payload type and codec of an Avro schema (already dereferenced). Throws on a schema avsc refuses. */
  payload(schema: unknown): CodedPayload {
    const type = avroType(schema);
    return {
      type: this.ts(type, ''),
      // JSON.parse: a field named `__proto__` stays a field (in an object literal it sets the prototype).
      codec: `avroCodec(JSON.parse(${stringLiteral(JSON.stringify(schema))}))`,
      contentType: 'avro/binary',
    };
  }

  render(): string {
    return [...this.declarations.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, text]) => text)
      .join('\n');
  }

  private ts(t: Avsc.Type, indent: string): string {
    const name = t.typeName;
    switch (name) {
      case 'null':
        return 'null';
      case 'boolean':
        return 'boolean';
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        return 'number';
      case 'string':
        return 'string';
      case 'bytes':
      case 'fixed':
        return 'Buffer';
      case 'logical:decimal':
        return 'string';
      case 'array': {
        const items = this.ts((t as Avsc.types.ArrayType).itemsType, indent);
        return /[|&]/.test(items) ? `(${items})[]` : `${items}[]`;
      }
      case 'map':
        return `Record<string, ${this.ts((t as Avsc.types.MapType).valuesType, indent)}>`;
      case 'union:unwrapped':
        return [...new Set((t as Avsc.types.UnwrappedUnionType).types.map((b) => this.ts(b, indent)))].join(' | ');
      case 'union:wrapped':
        return (t as Avsc.types.WrappedUnionType).types
          .map((b) => (b.typeName === 'null' ? 'null' : `{ ${propertyKey(b.branchName!)}: ${this.ts(b, indent)} }`))
          .join(' | ');
      case 'enum':
      case 'record':
      case 'error':
        return this.named(t);
      default:
        // Another logical type: what its underlying type is.
        if (name.startsWith('logical:')) return this.ts((t as Avsc.types.LogicalType).underlyingType, indent);
        return 'unknown';
    }
  }

  private named(t: Avsc.Type): string {
    const known = this.byType.get(t);
    if (known) return known;
    const name = this.names.take(pascalCase(t.name!.split('.').pop()!, 'Record'));
    this.byType.set(t, name);
    const doc = docComment((t as unknown as { doc?: string }).doc);
    if (t.typeName === 'enum') {
      this.declarations.set(name, `${doc}export type ${name} = ${(t as Avsc.types.EnumType).symbols.map(stringLiteral).join(' | ')};\n`);
      return name;
    }
    const fields = (t as Avsc.types.RecordType).fields.map((f) => {
      const optional = f.defaultValue() !== undefined ? '?' : '';
      return `${docComment((f as unknown as { doc?: string }).doc, '  ')}  ${propertyKey(f.name)}${optional}: ${this.ts(f.type, '  ')};`;
    });
    this.declarations.set(name, `${doc}export interface ${name} {\n${fields.join('\n')}\n}\n`);
    return name;
  }
}
