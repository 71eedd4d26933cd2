/**
 * Example operations preloaded as tabs in the playground: the common tasks of a partner agency's
 * integration. Each is valid against the schema (see Playground.test.tsx). Variables have defaults in
 * the operation itself: GraphiQL 3 does not put the first tab's `variables` in its editor on first load.
 */
export interface PlaygroundExample {
  query: string;
  variables?: string;
}

export const PLAYGROUND_EXAMPLES: readonly PlaygroundExample[] = [
  {
    query: `# Welcome to the SISO GraphQL playground.
#
# Requests run with your signed-in session: you see exactly what your roles allow, and
# every lookup of a citizen's file is recorded in the audit trail like any other.
# Press the ▶ button (or Ctrl-Enter) to run the operation; open the other tabs for
# more examples, and the "Docs" button (book icon, top left) for the schema's reference.
#
# Search citizens by name (fuzzy on last and first name) in a social zone ("2" is the
# Perugino). The variables have defaults here; change them in the Variables pane below.
query SearchCitizensInZone($search: String! = "rossi", $zoneCode: String = "2") {
  citizens(filter: { search: $search, zoneCode: $zoneCode }, first: 10) {
    totalCount
    edges {
      node {
        id
        fiscalCode
        lastName
        firstName
        birthDate
        residence {
          municipality {
            name
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: `{
  "search": "rossi",
  "zoneCode": "2"
}
`,
  },
  {
    query: `# A citizen's interventions (interventi / prestazioni). Here the citizens are found by
# name; with a codice fiscale use citizenByFiscalCode(fiscalCode: "…"), with a global id
# citizen(id: "…") or node(id: "…"). Amounts are in euro cents.
query CitizenInterventions($search: String! = "rossi") {
  citizens(filter: { search: $search }, first: 3) {
    edges {
      node {
        id
        fiscalCode
        lastName
        firstName
        interventions(first: 10) {
          totalCount
          edges {
            node {
              id
              status
              startDate
              endDate
              amountCents
              type {
                code
                labelIt
              }
              provider {
                name
              }
              case {
                id
              }
            }
          }
        }
      }
    }
  }
}
`,
    variables: `{
  "search": "rossi"
}
`,
  },
  {
    query: `# The social zones (zone sociali) of the region with their municipalities.
query ZonesAndMunicipalities {
  zones {
    code
    name
    population2011
    leadMunicipality {
      name
    }
    municipalities {
      istatCode
      cadastralCode
      name
      province
    }
  }
}
`,
  },
  {
    query: `# The referrals queue: referrals addressed to your offices and organization
# that are still waiting for an answer.
query ReferralsQueue {
  referrals(filter: { direction: INCOMING, status: [PROPOSED, SEEN] }, first: 20) {
    totalCount
    edges {
      node {
        id
        status
        reason
        proposedAt
        citizen {
          id
          lastName
          firstName
        }
        fromOffice {
          name
        }
        toOffice {
          name
        }
      }
    }
  }
}
`,
  },
  {
    query: `# Who you are: your roles, zones and offices.
query Me {
  viewer {
    username
    displayName
    roles
    zones {
      code
      name
    }
    offices {
      name
    }
  }
}
`,
  },
];
