import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { prepareOutput } from './output-schema.js';
import { isStrictCompatible } from './strict-schema.js';

class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class OrderDto {
  @IsIn(['open', 'closed']) status!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
  @IsOptional() @IsString() note?: string;
}

describe('prepareOutput', () => {
  it('turns a class-validator class into a JSON Schema, nested classes under $defs', () => {
    const out = prepareOutput(OrderDto);
    expect(out.spec.name).toBe('OrderDto');
    expect(out.jsonSchema).toMatchObject({
      type: 'object',
      properties: { status: { enum: ['open', 'closed'] }, lines: { type: 'array', items: { $ref: '#/$defs/LineDto' } } },
      required: expect.arrayContaining(['status', 'lines']),
      $defs: { LineDto: { properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } } },
    });
    // An optional property is not strict-compatible for OpenAI.
    expect(out.spec.strict).toBe(false);
  });

  it('validates with the class itself and gives back an instance, or the problems', async () => {
    const out = prepareOutput(OrderDto);
    const ok = await out.validate({ status: 'open', lines: [{ sku: 'A1', quantity: 2 }] });
    expect(ok.errors).toEqual([]);
    expect(ok.value).toBeInstanceOf(OrderDto);
    expect((ok.value as OrderDto).lines[0]).toBeInstanceOf(LineDto);
    const bad = await out.validate({ status: 'lost', lines: [{ sku: 'A1', quantity: 0 }] });
    expect(bad.errors).toEqual(['status: status must be one of the following values: open, closed', 'lines.0.quantity: quantity must not be less than 1']);
    expect((await out.validate('nope')).errors).toEqual(['(root) must be an object']);
  });

  it('validates a JSON Schema with ajv, wrapping non-object roots under `value`', async () => {
    const list = prepareOutput({ type: 'array', items: { type: 'string' }, minItems: 1 });
    expect(list.wrapped).toBe(true);
    expect(list.spec).toEqual({
      name: 'output',
      schema: { type: 'object', properties: { value: { type: 'array', items: { type: 'string' }, minItems: 1 } }, required: ['value'], additionalProperties: false },
      strict: true,
    });
    expect(await list.validate({ value: ['a'] })).toEqual({ value: ['a'], errors: [] });
    expect((await list.validate({ value: [] })).errors).toEqual(['(root) must NOT have fewer than 1 items']);
    expect(prepareOutput({ type: 'object', properties: {} }, 'my schema!').spec.name).toBe('my_schema_');
  });
});

describe('isStrictCompatible (OpenAI strict structured outputs)', () => {
  it('needs every property required and no additional properties, at every level', () => {
    const leaf = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(isStrictCompatible(leaf)).toBe(true);
    expect(isStrictCompatible({ ...leaf, additionalProperties: true })).toBe(false);
    expect(isStrictCompatible({ ...leaf, required: [] })).toBe(false);
    expect(isStrictCompatible({ type: 'object', properties: { inner: { ...leaf, required: [] } }, required: ['inner'], additionalProperties: false })).toBe(false);
  });
});
