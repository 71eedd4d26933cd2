/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How a citizen made contact. */
export type AccessChannel =
  /** By email. */
  | 'EMAIL'
  /** At home (visita domiciliare). */
  | 'HOME_VISIT'
  /** In person at the office (di persona). */
  | 'IN_PERSON'
  /** Another way. */
  | 'OTHER'
  /** By phone. */
  | 'PHONE';

/** The kind of a diary entry. */
export type ActivityKind =
  /** Hours delivered by a provider (ore erogate). */
  | 'DELIVERED_HOURS'
  /** A home visit (visita domiciliare). */
  | 'HOME_VISIT'
  /** A meeting (colloquio). */
  | 'MEETING'
  /** A note. */
  | 'NOTE'
  /** A phone call. */
  | 'PHONE_CALL'
  /** A report (relazione). */
  | 'REPORT';

/** The kind of an assessment. */
export type AssessmentKind =
  /** An assessment of a family with minors. */
  | 'FAMILY_MINOR'
  /** Free observations. */
  | 'FREE'
  /** The national SINA assessment of non-self-sufficiency. */
  | 'SINA';

/** Why a case was closed. */
export type CaseClosureReason =
  /** The citizen died. */
  | 'DECEASED'
  /** The plan's goals were reached. */
  | 'GOALS_REACHED'
  /** The citizen moved away. */
  | 'MOVED_AWAY'
  /** No longer eligible. */
  | 'NO_LONGER_ELIGIBLE'
  /** Another reason (see the notes). */
  | 'OTHER'
  /** The citizen refused the service. */
  | 'REFUSED_BY_CITIZEN'
  /** Transferred to another service or zone. */
  | 'TRANSFERRED';

/** The role of an operator on a case team. */
export type CaseMemberRole =
  /** Keeps the file (referente amministrativo). */
  | 'FILE_MANAGER'
  /** A team member. */
  | 'MEMBER'
  /** The responsible worker (responsabile del caso). */
  | 'RESPONSIBLE';

/** Where a case stands (stato della presa in carico). */
export type CaseStatus =
  /** Closed, with a reason. */
  | 'CLOSED'
  /** Open: the citizen is in care. */
  | 'OPEN'
  /** Proposed for taking into care. */
  | 'PROPOSED'
  /** Reopened after a closure. */
  | 'REOPENED'
  /** Suspended. */
  | 'SUSPENDED';

/** Whether a goal was reached. */
export type GoalOutcome =
  /** Not reached. */
  | 'NOT_REACHED'
  /** Partly reached. */
  | 'PARTLY_REACHED'
  /** Not yet assessed. */
  | 'PENDING'
  /** Reached. */
  | 'REACHED';

/** The term of a plan goal. */
export type GoalTerm =
  /** Long term. */
  | 'LONG'
  /** Medium term. */
  | 'MEDIUM'
  /** Short term. */
  | 'SHORT';

/** Where an intervention stands. */
export type InterventionStatus =
  /** Being delivered. */
  | 'ACTIVE'
  /** Authorized by the zone manager. */
  | 'AUTHORIZED'
  /** Ended. */
  | 'CLOSED'
  /** Refused. */
  | 'REFUSED'
  /** Requested by the social worker. */
  | 'REQUESTED';

/** The kind of an office. */
export type OfficeKind =
  /** An intake office (Ufficio della Cittadinanza / segretariato sociale). */
  | 'CITIZENS_OFFICE'
  /** A provider's site (sede dell'ente gestore). */
  | 'PROVIDER_SITE'
  /** A regional office (ufficio regionale). */
  | 'REGIONAL_OFFICE'
  /** A social service (servizio sociale professionale). */
  | 'SOCIAL_SERVICE'
  /** A zone's office of plan (Ufficio di Piano). */
  | 'ZONE_OFFICE';

/** The kind of an organization (ente). */
export type OrganizationKind =
  /** An association (associazione). */
  | 'ASSOCIATION'
  /** A social cooperative (cooperativa sociale). */
  | 'COOPERATIVE'
  /** A local health authority (USL / ASL). */
  | 'HEALTH_AUTHORITY'
  /** A municipality (comune). */
  | 'MUNICIPALITY'
  /** Another third-sector body (ente del terzo settore). */
  | 'OTHER_THIRD_SECTOR'
  /** The region (Regione). */
  | 'REGION'
  /** A zone's office of plan (Ufficio di Piano). */
  | 'ZONE_OFFICE';

/** Who a plan is for. */
export type PlanBeneficiary =
  /** A group. */
  | 'GROUP'
  /** The household. */
  | 'HOUSEHOLD'
  /** The person. */
  | 'PERSON';

/** Where a referral stands. */
export type ReferralStatus =
  /** Accepted by the receiver. */
  | 'ACCEPTED'
  /** Sent, not yet seen by the receiver. */
  | 'PROPOSED'
  /** Rejected by the receiver, with a reason. */
  | 'REJECTED'
  /** Seen by the receiver. */
  | 'SEEN'
  /** Withdrawn by the sender. */
  | 'WITHDRAWN';

/** The kind of a relation between two citizens (relazione). */
export type RelationKind =
  /** The related person is cared for by the citizen. */
  | 'CARED_FOR'
  /** The related person is the citizen's caregiver. */
  | 'CAREGIVER'
  /** The related person is the citizen's child (figlio/a). */
  | 'CHILD'
  /** Household member (convivente). */
  | 'HOUSEHOLD_MEMBER'
  /** The related person is the citizen's legal guardian (tutore). */
  | 'LEGAL_GUARDIAN'
  /** Another relative (altro parente). */
  | 'OTHER_RELATIVE'
  /** The related person is the citizen's parent (genitore). */
  | 'PARENT'
  /** Partner (coniuge / convivente more uxorio). */
  | 'PARTNER'
  /** Sibling (fratello / sorella). */
  | 'SIBLING'
  /** The related person is supported by the citizen as support administrator (beneficiario). */
  | 'SUPPORTED_PERSON'
  /** The related person is the citizen's support administrator (amministratore di sostegno). */
  | 'SUPPORT_ADMINISTRATOR'
  /** The related person is under the citizen's guardianship (tutelato). */
  | 'WARD';

/** A role an operator holds (ruolo). */
export type Role =
  /** Administrator: organizations, offices, operators, API clients; no social content. */
  | 'ADMIN'
  /** Regional analyst: aggregates only, never identities. */
  | 'ANALYST'
  /** Data protection officer (responsabile della protezione dei dati). */
  | 'DPO'
  /** Front-desk operator of an intake office (operatore di sportello). */
  | 'FRONT_DESK'
  /** Operator of an accredited provider (ente gestore). */
  | 'PROVIDER'
  /** Social worker, educator or psychologist who takes citizens into care (assistente sociale). */
  | 'SOCIAL_WORKER'
  /** Zone manager (responsabile di zona / Ufficio di Piano). */
  | 'ZONE_MANAGER';

/** Sex as registered (and encoded in the codice fiscale). */
export type Sex =
  /** Female (femmina). */
  | 'F'
  /** Male (maschio). */
  | 'M';

/** Sign-in credentials. */
export type SignInInput = {
  /** The operator's password. */
  password: string;
  /** The operator's username. */
  username: string;
};

export type ViewerFieldsFragment = { id: string, username: string, displayName: string, roles: Array<Role>, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, username: string, displayName: string, roles: Array<Role>, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } | null };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { viewer: { id: string, username: string, displayName: string, roles: Array<Role>, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: { signedOut: boolean } };

export type CasePageQueryVariables = Exact<{
  id: string | number;
}>;


export type CasePageQuery = { node:
    | { id: string, status: CaseStatus | null, openedAt: string | null, closedAt: string | null, closureReason: CaseClosureReason | null, summary: string | null, citizen: { id: string, firstName: string | null, lastName: string | null, fiscalCode: string | null } | null, zone: { id: string, code: string, name: string } | null, office: { id: string, name: string } | null, userArea: { code: string, labelIt: string, labelEn: string } | null, responsible: { id: string, displayName: string } | null, members: { totalCount: number, edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string, displayName: string } | null } }> } | null, statusHistory: Array<{ fromStatus: CaseStatus | null, toStatus: CaseStatus | null, changedAt: string | null, reason: string | null, changedBy: { id: string, displayName: string } | null }> | null, assessments: { totalCount: number, edges: Array<{ node: { id: string, kind: AssessmentKind | null, assessedOn: string | null, observations: string | null, operator: { id: string, displayName: string } | null } }> } | null, plan: { id: string, beneficiary: PlanBeneficiary | null, drawnUpOn: string | null, reviewOn: string | null, summary: string | null, goals: Array<{ description: string | null, term: GoalTerm | null, indicator: string | null, outcome: GoalOutcome | null }> | null } | null, interventions: { totalCount: number, edges: Array<{ node: { id: string, status: InterventionStatus | null, startDate: string | null, endDate: string | null, type: { code: string, labelIt: string, labelEn: string } | null, provider: { id: string, name: string } | null } }> } | null, activities: { totalCount: number, edges: Array<{ node: { id: string, occurredAt: string | null, kind: ActivityKind | null, text: string | null, hours: number | null, confidential: boolean | null, operator: { id: string, displayName: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type CitizenPageQueryVariables = Exact<{
  id: string | number;
}>;


export type CitizenPageQuery = { citizen: { id: string, fiscalCode: string | null, temporaryId: string | null, firstName: string | null, lastName: string | null, birthDate: string | null, sex: Sex | null, citizenship: string | null, phone: string | null, email: string | null, homeless: boolean | null, language: string | null, protectedAddress: boolean | null, birthPlace: { code: string | null, foreign: boolean | null, municipality: { id: string, name: string } | null } | null, residence: { address: string | null, postcode: string | null, municipality: { id: string, name: string, zone: { id: string, code: string, name: string } } | null } | null, domicile: { address: string | null, postcode: string | null, municipality: { id: string, name: string } | null } | null, household: { size: number | null, hiddenMembers: number | null, members: Array<{ id: string, firstName: string | null, lastName: string | null, birthDate: string | null }> | null } | null, relations: { totalCount: number, edges: Array<{ node: { id: string, kind: RelationKind | null, cohabiting: boolean | null, validFrom: string | null, validTo: string | null, relatedCitizen: { id: string, firstName: string | null, lastName: string | null } | null } }> } | null, accesses: { totalCount: number, edges: Array<{ node: { id: string, occurredAt: string | null, channel: AccessChannel | null, office: { id: string, name: string } | null, zone: { id: string, code: string, name: string } | null, operator: { id: string, displayName: string } | null, outcome: { code: string, labelIt: string, labelEn: string } | null } }> } | null, cases: { totalCount: number, edges: Array<{ node: { id: string, status: CaseStatus | null, openedAt: string | null, closedAt: string | null, userArea: { code: string, labelIt: string, labelEn: string } | null, responsible: { id: string, displayName: string } | null, office: { id: string, name: string } | null } }> } | null, interventions: { totalCount: number, edges: Array<{ node: { id: string, status: InterventionStatus | null, startDate: string | null, endDate: string | null, type: { code: string, labelIt: string, labelEn: string } | null, provider: { id: string, name: string } | null, case: { id: string } | null } }> } | null, referrals: { totalCount: number, edges: Array<{ node: { id: string, status: ReferralStatus | null, reason: string | null, proposedAt: string | null, fromOffice: { id: string, name: string } | null, toOffice: { id: string, name: string } | null, toOrganization: { id: string, name: string } | null, case: { id: string } | null } }> } | null } | null };

export type CitizenSearchQueryVariables = Exact<{
  search: string;
}>;


export type CitizenSearchQuery = { citizens: { totalCount: number, edges: Array<{ node: { id: string, fiscalCode: string | null, temporaryId: string | null, firstName: string | null, lastName: string | null, birthDate: string | null, residence: { municipality: { id: string, name: string } | null } | null } }> } };

export type OperatorPageQueryVariables = Exact<{
  id: string | number;
}>;


export type OperatorPageQuery = { node:
    | { id: string, username: string, displayName: string, active: boolean | null, profession: { code: string, labelIt: string, labelEn: string } | null, organization: { id: string, name: string } | null, offices: Array<{ id: string, name: string }>, roles: Array<{ role: Role, zone: { id: string, code: string, name: string } | null }>, cases: { totalCount: number, edges: Array<{ node: { id: string, status: CaseStatus | null, openedAt: string | null, userArea: { code: string, labelIt: string, labelEn: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type OfficePageQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficePageQuery = { node:
    | { id: string, kind: OfficeKind, name: string, address: string | null, phone: string | null, email: string | null, organization: { id: string, name: string }, zone: { id: string, code: string, name: string }, municipality: { id: string, name: string } }
    | Record<PropertyKey, never>
   | null };

export type OrganizationPageQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationPageQuery = { node:
    | { id: string, kind: OrganizationKind, name: string, taxCode: string | null, accreditedFrom: string | null, accreditedTo: string | null, accreditedFor: Array<{ code: string, labelIt: string, labelEn: string }>, municipality: { id: string, name: string } | null, zone: { id: string, code: string, name: string } | null, offices: Array<{ id: string, name: string }> }
    | Record<PropertyKey, never>
   | null };

export type ZonePageQueryVariables = Exact<{
  code: string;
}>;


export type ZonePageQuery = { zone: { id: string, code: string, name: string, population2011: number, leadMunicipality: { id: string, name: string }, municipalities: Array<{ id: string, name: string }>, offices: Array<{ id: string, name: string, kind: OfficeKind }> } | null };

export type HomeQueryVariables = Exact<{
  today: string;
}>;


export type HomeQuery = { viewer: { id: string, displayName: string, roles: Array<Role>, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } | null, cases: { totalCount: number, edges: Array<{ node: { id: string, status: CaseStatus | null, openedAt: string | null, userArea: { code: string, labelIt: string, labelEn: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null } }> }, referrals: { totalCount: number, edges: Array<{ node: { id: string, status: ReferralStatus | null, reason: string | null, proposedAt: string | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, fromOffice: { id: string, name: string } | null } }> }, accesses: { totalCount: number, edges: Array<{ node: { id: string, occurredAt: string | null, anonymous: boolean | null, channel: AccessChannel | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, office: { id: string, name: string } | null, operator: { id: string, displayName: string } | null } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ViewerFieldsFragmentDoc = new TypedDocumentString(`
    fragment ViewerFields on Viewer {
  id
  username
  displayName
  roles
  organization {
    id
    name
  }
  zones {
    id
    code
    name
  }
}
    `, {"fragmentName":"ViewerFields"}) as unknown as TypedDocumentString<ViewerFieldsFragment, unknown>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    ...ViewerFields
  }
}
    fragment ViewerFields on Viewer {
  id
  username
  displayName
  roles
  organization {
    id
    name
  }
  zones {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    viewer {
      ...ViewerFields
    }
  }
}
    fragment ViewerFields on Viewer {
  id
  username
  displayName
  roles
  organization {
    id
    name
  }
  zones {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    signedOut
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const CasePageDocument = new TypedDocumentString(`
    query CasePage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      openedAt
      closedAt
      closureReason
      summary
      citizen {
        id
        firstName
        lastName
        fiscalCode
      }
      zone {
        id
        code
        name
      }
      office {
        id
        name
      }
      userArea {
        code
        labelIt
        labelEn
      }
      responsible {
        id
        displayName
      }
      members(first: 50) {
        totalCount
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
              displayName
            }
          }
        }
      }
      statusHistory {
        fromStatus
        toStatus
        changedAt
        reason
        changedBy {
          id
          displayName
        }
      }
      assessments(first: 20) {
        totalCount
        edges {
          node {
            id
            kind
            assessedOn
            observations
            operator {
              id
              displayName
            }
          }
        }
      }
      plan {
        id
        beneficiary
        drawnUpOn
        reviewOn
        summary
        goals {
          description
          term
          indicator
          outcome
        }
      }
      interventions(first: 50) {
        totalCount
        edges {
          node {
            id
            status
            startDate
            endDate
            type {
              code
              labelIt
              labelEn
            }
            provider {
              id
              name
            }
          }
        }
      }
      activities(first: 50) {
        totalCount
        edges {
          node {
            id
            occurredAt
            kind
            text
            hours
            confidential
            operator {
              id
              displayName
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CasePageQuery, CasePageQueryVariables>;
export const CitizenPageDocument = new TypedDocumentString(`
    query CitizenPage($id: ID!) {
  citizen(id: $id) {
    id
    fiscalCode
    temporaryId
    firstName
    lastName
    birthDate
    sex
    birthPlace {
      code
      foreign
      municipality {
        id
        name
      }
    }
    citizenship
    residence {
      address
      postcode
      municipality {
        id
        name
        zone {
          id
          code
          name
        }
      }
    }
    domicile {
      address
      postcode
      municipality {
        id
        name
      }
    }
    phone
    email
    homeless
    language
    protectedAddress
    household {
      size
      hiddenMembers
      members {
        id
        firstName
        lastName
        birthDate
      }
    }
    relations(first: 50) {
      totalCount
      edges {
        node {
          id
          kind
          cohabiting
          validFrom
          validTo
          relatedCitizen {
            id
            firstName
            lastName
          }
        }
      }
    }
    accesses(first: 20) {
      totalCount
      edges {
        node {
          id
          occurredAt
          channel
          office {
            id
            name
          }
          zone {
            id
            code
            name
          }
          operator {
            id
            displayName
          }
          outcome {
            code
            labelIt
            labelEn
          }
        }
      }
    }
    cases(first: 20) {
      totalCount
      edges {
        node {
          id
          status
          openedAt
          closedAt
          userArea {
            code
            labelIt
            labelEn
          }
          responsible {
            id
            displayName
          }
          office {
            id
            name
          }
        }
      }
    }
    interventions(first: 20) {
      totalCount
      edges {
        node {
          id
          status
          startDate
          endDate
          type {
            code
            labelIt
            labelEn
          }
          provider {
            id
            name
          }
          case {
            id
          }
        }
      }
    }
    referrals(first: 20) {
      totalCount
      edges {
        node {
          id
          status
          reason
          proposedAt
          fromOffice {
            id
            name
          }
          toOffice {
            id
            name
          }
          toOrganization {
            id
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
    `) as unknown as TypedDocumentString<CitizenPageQuery, CitizenPageQueryVariables>;
export const CitizenSearchDocument = new TypedDocumentString(`
    query CitizenSearch($search: String!) {
  citizens(filter: {search: $search}, first: 20) {
    totalCount
    edges {
      node {
        id
        fiscalCode
        temporaryId
        firstName
        lastName
        birthDate
        residence {
          municipality {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CitizenSearchQuery, CitizenSearchQueryVariables>;
export const OperatorPageDocument = new TypedDocumentString(`
    query OperatorPage($id: ID!) {
  node(id: $id) {
    ... on Operator {
      id
      username
      displayName
      active
      profession {
        code
        labelIt
        labelEn
      }
      organization {
        id
        name
      }
      offices {
        id
        name
      }
      roles {
        role
        zone {
          id
          code
          name
        }
      }
      cases(first: 20) {
        totalCount
        edges {
          node {
            id
            status
            openedAt
            userArea {
              code
              labelIt
              labelEn
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OperatorPageQuery, OperatorPageQueryVariables>;
export const OfficePageDocument = new TypedDocumentString(`
    query OfficePage($id: ID!) {
  node(id: $id) {
    ... on Office {
      id
      kind
      name
      address
      phone
      email
      organization {
        id
        name
      }
      zone {
        id
        code
        name
      }
      municipality {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OfficePageQuery, OfficePageQueryVariables>;
export const OrganizationPageDocument = new TypedDocumentString(`
    query OrganizationPage($id: ID!) {
  node(id: $id) {
    ... on Organization {
      id
      kind
      name
      taxCode
      accreditedFrom
      accreditedTo
      accreditedFor {
        code
        labelIt
        labelEn
      }
      municipality {
        id
        name
      }
      zone {
        id
        code
        name
      }
      offices {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrganizationPageQuery, OrganizationPageQueryVariables>;
export const ZonePageDocument = new TypedDocumentString(`
    query ZonePage($code: String!) {
  zone(code: $code) {
    id
    code
    name
    population2011
    leadMunicipality {
      id
      name
    }
    municipalities {
      id
      name
    }
    offices {
      id
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<ZonePageQuery, ZonePageQueryVariables>;
export const HomeDocument = new TypedDocumentString(`
    query Home($today: Date!) {
  viewer {
    id
    displayName
    roles
    organization {
      id
      name
    }
    zones {
      id
      code
      name
    }
  }
  cases(filter: {mine: true}, first: 10) {
    totalCount
    edges {
      node {
        id
        status
        openedAt
        userArea {
          code
          labelIt
          labelEn
        }
        citizen {
          id
          firstName
          lastName
        }
      }
    }
  }
  referrals(filter: {direction: INCOMING, status: [PROPOSED, SEEN]}, first: 10) {
    totalCount
    edges {
      node {
        id
        status
        reason
        proposedAt
        citizen {
          id
          firstName
          lastName
        }
        fromOffice {
          id
          name
        }
      }
    }
  }
  accesses(filter: {from: $today, to: $today}, first: 20) {
    totalCount
    edges {
      node {
        id
        occurredAt
        anonymous
        channel
        citizen {
          id
          firstName
          lastName
        }
        office {
          id
          name
        }
        operator {
          id
          displayName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HomeQuery, HomeQueryVariables>;