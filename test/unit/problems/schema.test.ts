import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { COMMON_FIELDS, EXPECT_FIELDS, KIND_FIELDS } from '../../../src/core/problems/fields';
import { PROBLEM_KINDS } from '../../../src/core/problems';
import { OPTIMIZERS } from '../../../src/core/optim';
import { example, root } from './helpers';

type Schema = Record<string, any>;
const schema: Schema = JSON.parse(readFileSync(path.join(root, 'schemas/mdl.schema.json'), 'utf8'));

/** Every property schema in the document, with its path. */
function properties(node: unknown, at = '#'): Array<[string, Schema]> {
  if (!node || typeof node !== 'object') return [];
  const out: Array<[string, Schema]> = [];
  for (const [key, value] of Object.entries(node as Schema)) {
    if ((key === 'properties' || key === 'patternProperties') && value && typeof value === 'object') {
      for (const [name, prop] of Object.entries(value as Schema)) out.push([`${at}/${name}`, prop as Schema], ...properties(prop, `${at}/${name}`));
    } else if (typeof value === 'object') out.push(...properties(value, `${at}/${key}`));
  }
  return out;
}

describe('schemas/mdl.schema.json', () => {
  it('is draft-07 and lists every kind, with an if/then branch per kind', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(schema.definitions.problem.properties.kind.enum, [...PROBLEM_KINDS]);
    assert.deepEqual(schema.definitions.problem.allOf.map((b: Schema) => b.if.properties.kind.const), [...PROBLEM_KINDS]);
    assert.equal(schema.definitions.problem.defaultSnippets.length, PROBLEM_KINDS.length);
  });

  it('has the same fields per kind as the loader, and the same required ones', () => {
    for (const kind of PROBLEM_KINDS) {
      const def = schema.definitions[kind];
      const fields = { ...COMMON_FIELDS, ...KIND_FIELDS[kind] };
      assert.deepEqual(Object.keys(def.properties).sort(), Object.keys(fields).sort(), kind);
      const required = Object.entries(fields).filter(([, f]) => f.required).map(([k]) => k);
      assert.deepEqual([...def.required].sort(), required.sort(), kind);
      assert.deepEqual(Object.keys(def.properties.expect.properties).sort(), [...EXPECT_FIELDS[kind]].sort(), `${kind} expect`);
      for (const [name, field] of Object.entries(KIND_FIELDS[kind])) {
        if (!field.values) continue;
        const prop = def.properties[name];
        assert.deepEqual(prop.enum ?? prop.items?.enum, [...field.values], `${kind}.${name}`);
      }
    }
    assert.deepEqual(schema.definitions.optimize.properties.optimizer.enum, [...OPTIMIZERS]);
  });

  it('documents every field for hover: description and markdownDescription', () => {
    // The `if` of each branch only tests the kind; it is a condition, not a field anyone hovers.
    const all = properties(schema).filter(([at]) => !at.includes('/if/'));
    assert.ok(all.length > 150, `${all.length} properties`);
    const undocumented = all.filter(([, p]) => !(typeof p.description === 'string' && p.description && typeof p.markdownDescription === 'string' && p.markdownDescription)).map(([at]) => at);
    assert.deepEqual(undocumented, []);
  });

  it('gives defaults and examples where a value is usual', () => {
    const optimize = schema.definitions.optimize.properties;
    assert.equal(optimize.beta1.default, 0.9);
    assert.equal(optimize.beta2.default, 0.999);
    assert.equal(optimize.eps.default, 1e-8);
    assert.equal(optimize.optimizer.default, 'adam');
    assert.equal(schema.definitions.gd.properties.lr.default, 0.001);
    assert.equal(schema.definitions.pca.properties.denominator.default, 'n-1');
    assert.ok(schema.definitions.exactNumber.examples.includes('sqrt(3)'));
  });

  it('accepts the assignment example (when a validator is installed)', function () {
    let Ajv: any;
    try {
      // ajv is only a transitive dependency here; the structural tests above do not need it.
      Ajv = require('ajv');
    } catch {
      this.skip();
    }
    const validate = new (Ajv.default ?? Ajv)({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(parse(example('assignment.mdl.json'))), JSON.stringify(validate.errors));
    assert.equal(validate(parse(example('broken.mdl.json'))), false);
  });
});
