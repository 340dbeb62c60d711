import { BadRequestException } from '@nestjs/common';
import { parseReplayBody, parseRunQuery } from './flow-run-query.js';

describe('parseRunQuery', () => {
  it('reads the filter and the page, statuses repeated or comma-separated', () => {
    expect(parseRunQuery({})).toEqual({ offset: 0, limit: 50 });
    expect(parseRunQuery({ flow: 'invoice', status: ['failed', 'waiting,sleeping'], since: '2026-12-01', offset: '10', limit: '500' })).toEqual({
      flow: 'invoice', status: ['failed', 'waiting', 'sleeping'], since: '2026-12-01T00:00:00.000Z', offset: 10, limit: 500,
    });
    expect(parseRunQuery({ since: '2026-12-02T17:30:00+01:00' }).since).toBe('2026-12-02T16:30:00.000Z');
  });

  it('takes the filter form\'s empty fields as absent on the pages only', () => {
    expect(parseRunQuery({ flow: '', status: '' }, true)).toEqual({ offset: 0, limit: 50 });
    expect(() => parseRunQuery({ flow: '' })).toThrow('The run filter flow must be one non-empty flow name');
  });

  it.each([
    [{ status: 'done' }, 'Unknown run status "done"'],
    [{ status: 'failed,' }, 'Unknown run status ""'],
    [{ since: '2026-12-02T16:00' }, 'since must be an ISO 8601 date'],
    [{ since: '2026-13-45' }, 'since must be an ISO 8601 date'],
    [{ limit: '501' }, 'limit must be a whole number from 1 to 500'],
    [{ offset: '1.5' }, 'offset must be a whole number, 0 or more'],
    [{ flow: ['a', 'b'] }, 'The run filter flow must be one non-empty flow name'],
    [{ handler: 'x' }, 'Unknown run filter "handler"'],
  ])('answers 400 to %o', (query, message) => {
    expect(() => parseRunQuery(query)).toThrow(BadRequestException);
    expect(() => parseRunQuery(query)).toThrow(message);
  });
});

describe('parseReplayBody', () => {
  it('takes no body, or { fromStep }', () => {
    expect(parseReplayBody(undefined)).toEqual({});
    expect(parseReplayBody({})).toEqual({});
    expect(parseReplayBody({ fromStep: 'charge' })).toEqual({ fromStep: 'charge' });
  });

  it.each([[['charge']], ['charge'], [{ fromStep: '' }], [{ fromStep: 'a', force: true }]])('answers 400 to %o', (body) => {
    expect(() => parseReplayBody(body)).toThrow(BadRequestException);
  });
});
