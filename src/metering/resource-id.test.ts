import { describe, expect, it } from 'vitest';
import { parsePythonUuid, ResourceIdError, resourceUuid } from './resource-id';

// Expected ids computed with CPython: uuid.uuid5(UUID('0a7a15ff-aa13-4ac2-897c-9bdf30ce175b'), v + '\0' + c)
// and uuid.UUID(v) for the UUID spellings.
describe('resourceUuid', () => {
  it.each([
    ['foobar', 'admin', 'b4d568e4-7af1-5aec-ac3f-9c09fa3685a9'],
    ['foobar', null, '34212677-79eb-56ca-88d3-56af9b5dd91b'],
    ['cd9eef', 'admin', 'dc97f2c5-ff6e-5cf2-a483-11348f380ef6'],
    ['ÿ€', 'u:p', '20329795-4f69-5041-836d-2ec5843b4495'],
  ])('maps %j created by %j to its uuid5', (value, creator, expected) => {
    expect(resourceUuid(value, creator)).toBe(expected);
  });

  it.each([
    ['7EED6CC3-EDC8-48C9-8EF6-8A36B9ACC91C', '7eed6cc3-edc8-48c9-8ef6-8a36b9acc91c'],
    ['{urn:uuid:7eed6cc3edc848c98ef68a36b9acc91c}', '7eed6cc3-edc8-48c9-8ef6-8a36b9acc91c'],
    ['0x' + 'a'.repeat(30), '00aaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'],
  ])('keeps the UUID %j in canonical form', (value, expected) => {
    expect(resourceUuid(value, 'anyone')).toBe(expected);
  });

  it("refuses '/' and over-long names as Gnocchi does", () => {
    expect(() => resourceUuid('a/b', null)).toThrow(
      new ResourceIdError("'/' is not supported in resource id"),
    );
    expect(resourceUuid('x'.repeat(289), null)).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => resourceUuid('x'.repeat(290), null)).toThrow(ResourceIdError);
  });

  it('reads only what uuid.UUID reads', () => {
    expect(parsePythonUuid('7eed6cc3edc848c98ef68a36b9acc91')).toBeNull();
    expect(parsePythonUuid('7eed6cc3edc848c98ef68a36b9acc91g')).toBeNull();
    expect(parsePythonUuid('-' + '0'.repeat(32))).toBe('00000000-0000-0000-0000-000000000000');
  });
});
