import { describe, expect, it } from 'vitest'
import { classifyDatabaseError } from '../../db/availability.server'

function drizzleError(cause: unknown) {
  // drizzle wraps driver errors and puts the query and its parameters in the message.
  return Object.assign(new Error('Failed query: insert into "x" values ($1)\nparams: no space left on device'), {
    query: 'insert',
    params: ['x'],
    cause,
  })
}

describe('classifyDatabaseError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unreachable'],
    [drizzleError(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })), 'unreachable'],
    [drizzleError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), 'unreachable'],
    [drizzleError(Object.assign(new Error('the database system is starting up'), { code: '57P03' })), 'unreachable'],
    [
      drizzleError(Object.assign(new Error('could not extend file "base/5/1": No space left on device'), { code: '53100' })),
      'cannot-write',
    ],
    [drizzleError(new Error('could not extend file "base/5/16604": No space left on device')), 'cannot-write'],
    [drizzleError(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })), 'cannot-write'],
    [drizzleError(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })), null],
    // A parameter that happens to read like a disk error is not one.
    [drizzleError(new Error('syntax error')), null],
    [new TypeError('Cannot read properties of undefined'), null],
    ['a string', null],
  ])('%s → %s', (error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind)
  })
})
