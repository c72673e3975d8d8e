import { NeedsAuthenticationError } from '@forge/api';
import { ConflictError, ForbiddenError, NotConfiguredError, NotFoundError, PropertyTooLargeError, UnavailableError, ValidationError } from '../errors';
import { answer, toFailure } from './resolver-result';
import { EmptyPayloadSchema } from '../contract';

describe('toFailure', () => {
  it.each([
    [new ValidationError('bad', [{ path: 'comment', message: 'a decline needs a reason' }]), 'invalid-input'],
    [new ForbiddenError('no'), 'forbidden'],
    [new NotFoundError('gone'), 'not-found'],
    [new ConflictError('first'), 'conflict'],
    [new PropertyTooLargeError('big'), 'too-large'],
    [new UnavailableError('later'), 'unavailable'],
    [new NotConfiguredError('set up'), 'not-configured'],
  ])('answers %p with the code %s and its message', (error, code) => {
    const result = toFailure(error);
    expect(result).toMatchObject({ ok: false, error: { code, message: error.message } });
  });

  it('keeps field errors of invalid input', () => {
    expect(toFailure(new ValidationError('bad', [{ path: 'comment', message: 'a decline needs a reason' }]))).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'bad', fieldErrors: [{ path: 'comment', message: 'a decline needs a reason' }] },
    });
  });

  it('hides the details of an unexpected error behind a safe message', () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toFailure(new TypeError('x is undefined at /app/src/secret.ts'))).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in Go-Live Gate. Reload the page and try again; if it keeps happening, tell your Jira admin.' },
    });
    log.mockRestore();
  });
});

describe('answer', () => {
  it('refuses a payload with unknown fields before running anything', async () => {
    const run = jest.fn();
    expect(await answer(EmptyPayloadSchema, { issueKey: 'SKU-2' }, run)).toMatchObject({ ok: false, error: { code: 'invalid-input', fieldErrors: [{ path: '(root)' }] } });
    expect(run).not.toHaveBeenCalled();
  });

  it('wraps what the use case returns', async () => {
    expect(await answer(EmptyPayloadSchema, {}, () => Promise.resolve(42))).toEqual({ ok: true, data: 42 });
  });
});

describe('answer and Forge consent', () => {
  it("lets Forge's consent request through so the platform can ask the user", async () => {
    const consent = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    await expect(answer(EmptyPayloadSchema, {}, () => Promise.reject(consent))).rejects.toBe(consent);
  });
});
