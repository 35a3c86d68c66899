import type { AuthenticatedUser } from '@easi/auth';
import { actorOf, actorParts, isSupervisor, mayUseQueue } from './queue-access';
import { TaskError, toHttp } from './task.exception';

const user = (agency: AuthenticatedUser['agency'], ...roles: AuthenticatedUser['roles']): AuthenticatedUser => ({
  subject: 'staff-1',
  agency,
  roles,
});

describe('queue access', () => {
  it('should open each inbox only to its agency and roles', () => {
    expect(mayUseQueue(user('police', 'investigator'), 'easi-team')).toBe(true);
    expect(mayUseQueue(user('police', 'investigator'), 'supervisors')).toBe(false);
    expect(mayUseQueue(user('police', 'supervisor'), 'supervisors')).toBe(true);
    expect(mayUseQueue(user('triage-clinic', 'clinic-member'), 'triage-clinic')).toBe(true);
    expect(mayUseQueue(user('psychology', 'psychologist'), 'victim-service')).toBe(false);
    expect(mayUseQueue(user('victim-service', 'isac'), 'psychology')).toBe(false);
  });

  it('should name the actor by agency and pseudonymous subject when recording a decision', () => {
    expect(actorOf(user('psychology', 'psychologist'))).toBe('psychology:staff-1');
    expect(isSupervisor(user('police', 'tactical-lead'))).toBe(true);
    expect(isSupervisor(user('police', 'investigator'))).toBe(false);
  });
});

describe('toHttp', () => {
  it('should map refusals to 422 and 409 with the reason when a decision is refused', () => {
    const invalid = toHttp(new TaskError('invalid-decision', 'fACT has at most 6 sessions', ['sessionNumber: too big'])) as {
      getStatus(): number;
      getResponse(): unknown;
    };
    expect(invalid.getStatus()).toBe(422);
    expect(invalid.getResponse()).toMatchObject({ message: 'fACT has at most 6 sessions', issues: ['sessionNumber: too big'] });
    expect((toHttp(new TaskError('workflow-closed', 'closed')) as { getStatus(): number }).getStatus()).toBe(409);
    expect((toHttp(new TaskError('not-found', 'none')) as { getStatus(): number }).getStatus()).toBe(404);
  });

  it('should pass other errors through unchanged', () => {
    const error = new Error('boom');
    expect(toHttp(error)).toBe(error);
  });
});

describe('actorParts', () => {
  it('should split the agency from the subject when the subject itself holds a colon', () => {
    expect(actorParts('police:sgt:17')).toEqual({ agency: 'police', subject: 'sgt:17' });
  });
});
