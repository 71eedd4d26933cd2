import type { Viewer } from '../../api/viewer';
import type { Role } from '../../gql/graphql';

/** A signed-in operator for component tests. */
export function testViewer(roles: Role[], zones = [{ id: 'Wm9uZToy', code: '2', name: 'Perugino' }]): Viewer {
  return {
    id: 'T3BlcmF0b3I6MQ',
    username: 'test',
    displayName: 'Test',
    roles,
    mustChangePassword: false,
    organization: null,
    zones,
  };
}
