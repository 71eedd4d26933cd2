import { graphql } from '../../gql';

// The administration area's operations (ADMIN; the events also for the DPO).

export const AdminChoicesDocument = graphql(`
  query AdminChoices {
    zones {
      id
      code
      name
    }
    organizations(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    offices(first: 100) {
      edges {
        node {
          id
          name
          zone {
            id
            code
          }
        }
      }
    }
    codeLists {
      professions {
        code
        labelIt
        labelEn
      }
    }
  }
`);

export const AdminOperatorsDocument = graphql(`
  query AdminOperators($zoneCode: String, $organizationId: ID, $first: Int, $after: String) {
    operators(zoneCode: $zoneCode, organizationId: $organizationId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          username
          displayName
          active
          organization {
            id
            name
          }
          roles {
            role
            zone {
              id
              code
            }
          }
        }
      }
    }
  }
`);

export const AdminOperatorDocument = graphql(`
  query AdminOperator($id: ID!) {
    node(id: $id) {
      ... on Operator {
        id
        username
        displayName
        version
        active
        lastSignInAt
        lockedUntil
        profession {
          code
        }
        organization {
          id
        }
        offices {
          id
        }
        roles {
          role
          zone {
            id
            code
          }
          office {
            id
          }
        }
      }
    }
  }
`);

export const AdminCreateOperatorDocument = graphql(`
  mutation AdminCreateOperator($input: CreateOperatorInput!) {
    createOperator(input: $input) {
      oneTimePassword
      operator {
        id
        username
        displayName
      }
    }
  }
`);

export const AdminUpdateOperatorDocument = graphql(`
  mutation AdminUpdateOperator($input: UpdateOperatorInput!) {
    updateOperator(input: $input) {
      operator {
        id
        version
      }
    }
  }
`);

export const AdminSetOperatorActiveDocument = graphql(`
  mutation AdminSetOperatorActive($input: SetOperatorActiveInput!) {
    setOperatorActive(input: $input) {
      operator {
        id
        active
        version
      }
    }
  }
`);

export const AdminResetOperatorPasswordDocument = graphql(`
  mutation AdminResetOperatorPassword($input: ResetOperatorPasswordInput!) {
    resetOperatorPassword(input: $input) {
      oneTimePassword
      operator {
        id
      }
    }
  }
`);

export const AdminEventsDocument = graphql(`
  query AdminEvents($operatorId: ID, $first: Int, $after: String) {
    administrationEvents(operatorId: $operatorId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          at
          actor
          action
          objectType
          objectId
          before
          after
          operator {
            id
            displayName
          }
        }
      }
    }
  }
`);

export const AdminApiClientsDocument = graphql(`
  query AdminApiClients {
    apiClients(first: 100) {
      id
      name
      role
      active
      tokenPrefix
      createdAt
      expiresAt
      revokedAt
      lastUsedAt
      scopes
      organization {
        id
        name
      }
      zones {
        id
        code
      }
    }
    apiScopes {
      name
      description
    }
  }
`);

export const AdminCreateApiClientDocument = graphql(`
  mutation AdminCreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      token
      apiClient {
        id
        name
      }
    }
  }
`);

export const AdminRevokeApiClientDocument = graphql(`
  mutation AdminRevokeApiClient($input: RevokeApiClientInput!) {
    revokeApiClient(input: $input) {
      apiClient {
        id
        active
        revokedAt
      }
    }
  }
`);
