import { BadRequestException } from '@nestjs/common';
import { matchesFilter, parseListQuery, parseReplayFilter } from './dead-letter-query.js';

describe('dead-letter queries', () => {
  it('reads the filter and the page, with defaults', () => {
    expect(parseListQuery({})).toEqual({ filter: {}, page: { offset: 0, limit: 50 } });
    expect(parseListQuery({ source: 'stripe', handler: 'Billing.onPaid', offset: '10', limit: '500' })).toEqual({
      filter: { source: 'stripe', handler: 'Billing.onPaid' },
      page: { offset: 10, limit: 500 },
    });
  });

  it('merges a replay filter from the query and a JSON body (the body wins)', () => {
    expect(parseReplayFilter({ source: 'a', type: 't' }, { source: 'b' })).toEqual({ source: 'b', type: 't' });
    expect(parseReplayFilter({}, undefined)).toEqual({});
    expect(parseReplayFilter({}, '')).toEqual({});
  });

  it.each([
    [() => parseListQuery({ sorce: 'stripe' }), 'Unknown dead-letter filter "sorce"'],
    [() => parseListQuery({ limit: '1e3' }), 'limit must be a whole number from 1 to 500'],
    [() => parseListQuery({ offset: '-0' }), 'offset must be a whole number, 0 or more'],
    [() => parseReplayFilter({}, { handler: 7 }), 'The dead-letter filter handler must be one non-empty string'],
    [() => parseReplayFilter({}, ['stripe']), 'The replay filter must be a JSON object'],
    [() => parseReplayFilter({}, 'source=stripe'), 'The replay filter must be a JSON object'],
  ])('answers 400 to bad input (%#)', (parse, message) => {
    expect(parse).toThrow(BadRequestException);
    expect(parse).toThrow(message);
  });

  it('matches on every given field, exactly', () => {
    const letter = { source: 'stripe', type: 'invoice.paid', handler: 'Billing.onPaid' };
    expect(matchesFilter({}, letter)).toBe(true);
    expect(matchesFilter({ source: 'stripe', handler: 'Billing.onPaid' }, letter)).toBe(true);
    expect(matchesFilter({ source: 'stripe', type: 'invoice' }, letter)).toBe(false);
    expect(matchesFilter({ handler: 'onPaid' }, letter)).toBe(false);
  });
});
