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

/** A need expressed at an access. */
export type AccessNeedInput = {
  /** The need's code (see `codeLists.needCategories`). */
  code: string;
  /** Notes on this need. */
  notes?: string | null | undefined;
};

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

/** Adding an operator to a case team. */
export type AddCaseMemberInput = {
  /** The case. */
  caseId: string | number;
  /** The operator to add. */
  operatorId: string | number;
  /** Their role (RESPONSIBLE moves the responsibility to them). */
  role: CaseMemberRole;
  /** From when (default: today). */
  validFrom?: string | null | undefined;
  /** The case version read. */
  version: number;
};

/** An address to write. */
export type AddressInput = {
  /** Street and number. */
  address?: string | null | undefined;
  /** ISTAT code of the municipality (comune). */
  municipalityIstatCode?: string | null | undefined;
  /** Postcode (CAP), five digits. */
  postcode?: string | null | undefined;
};

/** The kind of an assessment. */
export type AssessmentKind =
  /** An assessment of a family with minors. */
  | 'FAMILY_MINOR'
  /** Free observations. */
  | 'FREE'
  /** The national SINA assessment of non-self-sufficiency. */
  | 'SINA';

/** Authorizing or refusing a requested intervention (the zone manager). */
export type AuthorizeInterventionInput = {
  /** Authorize (true) or refuse (false). */
  approve: boolean;
  /** The intervention. */
  id: string | number;
  /** Why, required when refusing. */
  reason?: string | null | undefined;
  /** The version read. */
  version: number;
};

/** How a candidate matched. */
export type CandidateMatch =
  /** The codice fiscale given. */
  | 'FISCAL_CODE'
  /** The birth date and a similar name. */
  | 'NAME_AND_BIRTH_DATE';

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

/** Changing a case's status. */
export type ChangeCaseStatusInput = {
  /** The case. */
  caseId: string | number;
  /** Why. */
  reason: string;
  /** The new status (not CLOSED: use `closeCase`). */
  status: CaseStatus;
  /** The case version read. */
  version: number;
};

/**
 * A change of the signed-in operator's own password. Errors come back as `BAD_USER_INPUT` with the
 * input field in `extensions.field` (`currentPassword`, `newPassword`).
 */
export type ChangePasswordInput = {
  /**
   * The current password. A wrong one counts as a failed sign-in: repeated failures lock the account
   * for a while, as at sign-in.
   */
  currentPassword: string;
  /**
   * The new password: at least 12 characters, at most 256 bytes, not containing the username, and
   * not the current one.
   */
  newPassword: string;
};

/** Closing a case. */
export type CloseCaseInput = {
  /** The case. */
  caseId: string | number;
  /** Notes on the closure. */
  notes?: string | null | undefined;
  /** Why it is closed. */
  reason: CaseClosureReason;
  /** The case version read. */
  version: number;
};

/** Closing an intervention. */
export type CloseInterventionInput = {
  /** The end date (default: today). */
  endDate?: string | null | undefined;
  /** The intervention. */
  id: string | number;
  /** Why it ends. */
  reason: string;
  /** The version read. */
  version: number;
};

/** A new API client. */
export type CreateApiClientInput = {
  /** When its token expires (at most two years ahead). */
  expiresAt: string;
  /** Its name (3 to 100 characters), unique. */
  name: string;
  /** The partner agency (organization) it belongs to. */
  organizationId: string | number;
  /** The role it is attached to (not ADMIN or DPO). */
  role: Role;
  /** Its scopes (see `apiScopes`). */
  scopes: Array<string>;
  /** The codes of the zones it is limited to; all zones when omitted. */
  zoneCodes?: Array<string> | null | undefined;
};

/** A new citizen. Either `fiscalCode` or `noFiscalCode: true` (a temporary identifier is then assigned). */
export type CreateCitizenInput = {
  /** Birth date; derived from the codice fiscale when omitted. */
  birthDate?: string | null | undefined;
  /** Cadastral code of the place of birth; derived from the codice fiscale when omitted. */
  birthPlaceCode?: string | null | undefined;
  /** Citizenship, ISO 3166-1 alpha-2 (e.g. IT). */
  citizenship?: string | null | undefined;
  /** Domicile, when different from the residence. */
  domicile?: AddressInput | null | undefined;
  /** Email address. */
  email?: string | null | undefined;
  /** First name (nome). */
  firstName: string;
  /** The codice fiscale; birth date, sex and birthplace are checked against it. */
  fiscalCode?: string | null | undefined;
  /** Homeless (senza dimora). */
  homeless?: boolean | null | undefined;
  /** Preferred language, ISO 639 code. */
  language?: string | null | undefined;
  /** Last name (cognome). */
  lastName: string;
  /** Set when the person has no codice fiscale: SISO assigns a temporary identifier. */
  noFiscalCode?: boolean | null | undefined;
  /** Phone number. */
  phone?: string | null | undefined;
  /** Protected address (indirizzo protetto). */
  protectedAddress?: boolean | null | undefined;
  /** Residence. */
  residence?: AddressInput | null | undefined;
  /** Sex; derived from the codice fiscale when omitted. */
  sex?: Sex | null | undefined;
};

/**
 * A new operator (operatore). Errors come back as `BAD_USER_INPUT` with the input field in
 * `extensions.field` (`username`, `displayName`, `professionCode`, `organizationId`, `officeIds`,
 * `roles`, `roles[i].role`, `roles[i].zoneCode`, `roles[i].officeId`, `password`).
 */
export type CreateOperatorInput = {
  /** The name shown to colleagues, 2 to 100 characters. */
  displayName: string;
  /** The offices the operator works in (at most 20). */
  officeIds: Array<string | number>;
  /** The organization the operator works for. */
  organizationId?: string | number | null | undefined;
  /**
   * The initial password: at least 12 characters, at most 256 bytes, not containing the username.
   * Leave it out to have SISO generate one, returned once in `oneTimePassword`.
   */
  password?: string | null | undefined;
  /** The profession's code (see `codeLists.professions`). */
  professionCode?: string | null | undefined;
  /**
   * The roles (1 to 20, no duplicates). ADMIN is never combined with FRONT_DESK, SOCIAL_WORKER,
   * ZONE_MANAGER or PROVIDER: administrators see no social content.
   */
  roles: Array<RoleAssignmentInput>;
  /**
   * The sign-in name: 3 to 64 characters, lower-case letters, digits, `.`, `_` and `-`, starting
   * with a letter or a digit; unique (it is stored in lower case).
   */
  username: string;
};

/** A new referral. */
export type CreateReferralInput = {
  /** The access it comes from. */
  accessId?: string | number | null | undefined;
  /** The case it comes from. */
  caseId?: string | number | null | undefined;
  /** The citizen to refer. */
  citizenId: string | number;
  /** The sending office, one of the viewer's. */
  fromOfficeId: string | number;
  /** A key chosen by the client so that a retried request is recorded once. */
  idempotencyKey?: string | null | undefined;
  /** Why the citizen is referred. */
  reason: string;
  /** The receiving office; or give `toOrganizationId`. */
  toOfficeId?: string | number | null | undefined;
  /** The receiving organization (a provider, or the organization of `toOfficeId`). */
  toOrganizationId?: string | number | null | undefined;
};

/** Declaring an emergency access to a citizen's record. */
export type DeclareEmergencyAccessInput = {
  /** The citizen's global id; or give `fiscalCode`. */
  citizenId?: string | number | null | undefined;
  /** How long, in minutes (15 to 240; default 240). */
  durationMinutes?: number | null | undefined;
  /** The citizen's codice fiscale; or give `citizenId`. */
  fiscalCode?: string | null | undefined;
  /** Why the record must be opened now (at least 20 characters); the DPO and the zone manager read it. */
  reason: string;
};

/** A goal of a plan to save. */
export type GoalInput = {
  /** What is to be achieved. */
  description: string;
  /** How it is measured. */
  indicator?: string | null | undefined;
  /** Whether it was reached (default PENDING). */
  outcome?: GoalOutcome | null | undefined;
  /** Its term. */
  term: GoalTerm;
};

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

/** Letting another office or organization see a case for a time (accesso al fascicolo). */
export type GrantCaseAccessInput = {
  /** The case. */
  caseId: string | number;
  /** The office that may see the case; or give `granteeOrganizationId`. */
  granteeOfficeId?: string | number | null | undefined;
  /** The organization that may see the case; or give `granteeOfficeId`. */
  granteeOrganizationId?: string | number | null | undefined;
  /** Why (at least 10 characters). */
  reason: string;
  /** From when (default: now). */
  validFrom?: string | null | undefined;
  /** Until when (at most one year). */
  validTo: string;
};

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

/** A named value. */
export type KeyValueInput = {
  /** The name. */
  key: string;
  /** The value. */
  value: string;
};

/** A relation to record. */
export type LinkRelationInput = {
  /** The citizen the relation starts from. */
  citizenId: string | number;
  /** Whether they live together (adds them to the same household). */
  cohabiting?: boolean | null | undefined;
  /** What the related person is to the citizen; the inverse is recorded too. */
  kind: RelationKind;
  /** The related citizen. */
  relatedCitizenId: string | number;
  /** Since when. */
  validFrom?: string | null | undefined;
};

/** The period and zones of a monitoring query. */
export type MonitoringFilter = {
  /** From this date (inclusive). */
  from: string;
  /** To this date (inclusive). */
  to: string;
  /** Only this zone (default: the zones the viewer monitors). */
  zoneCode?: string | null | undefined;
};

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

/** Taking a citizen into care. */
export type OpenCaseInput = {
  /** The citizen. */
  citizenId: string | number;
  /** A key chosen by the client so that a retried request is recorded once. */
  idempotencyKey?: string | null | undefined;
  /** The office that takes the case, one of the viewer's. */
  officeId: string | number;
  /** The access it comes from. */
  sourceAccessId?: string | number | null | undefined;
  /** The referral it comes from. */
  sourceReferralId?: string | number | null | undefined;
  /** A short summary of the situation. */
  summary?: string | null | undefined;
  /** The user area (see `codeLists.userAreas`). */
  userArea: string;
};

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

/** How overlaps are grouped. */
export type OverlapBy =
  /** Interventions of the same user area. */
  | 'AREA'
  /** Interventions of the same type. */
  | 'TYPE';

/** Who a plan is for. */
export type PlanBeneficiary =
  /** A group. */
  | 'GROUP'
  /** The household. */
  | 'HOUSEHOLD'
  /** The person. */
  | 'PERSON';

/** Recording a diary entry or a delivery (the team; the provider for delivered hours). */
export type RecordActivityInput = {
  /** Amount in euro cents of this delivery, when it has its own. */
  amountCents?: number | null | undefined;
  /** The case of the diary entry; or give `interventionId` for a delivery. */
  caseId?: string | number | null | undefined;
  /** Whether the entry is confidential. */
  confidential?: boolean | null | undefined;
  /** Hours (required for DELIVERED_HOURS). */
  hours?: number | null | undefined;
  /** A key chosen on the device, so that an entry sent again after being offline is stored once. */
  idempotencyKey?: string | null | undefined;
  /** The intervention the delivery is for. */
  interventionId?: string | number | null | undefined;
  /** What kind of entry. */
  kind: ActivityKind;
  /** When it happened (default: now). */
  occurredAt?: string | null | undefined;
  /** The text. */
  text?: string | null | undefined;
};

/** Recording an assessment of a case (the case team). */
export type RecordAssessmentInput = {
  /** When it was made (default: today). */
  assessedOn?: string | null | undefined;
  /** The case. */
  caseId: string | number;
  /** A family/minor assessment as named values (at most 20). */
  familyAssessment?: Array<KeyValueInput> | null | undefined;
  /** A key chosen by the client so that a retried request is recorded once. */
  idempotencyKey?: string | null | undefined;
  /** The kind of assessment. */
  kind: AssessmentKind;
  /** Free observations. */
  observations?: string | null | undefined;
  /** The SINA dimensions, required for SINA. */
  sina?: SinaInput | null | undefined;
};

/** An answer to a received referral. */
export type ReferralAnswerInput = {
  /** The referral's global id. */
  id: string | number;
  /** The version read. */
  version: number;
};

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

/** A new access. */
export type RegisterAccessInput = {
  /** An anonymous access (counted, not identified). */
  anonymous?: boolean | null | undefined;
  /** How contact was made. */
  channel: AccessChannel;
  /**
   * The codice fiscale the person showed, when the citizen is registered but not yet in your scope
   * (found with `citizenCandidates`): it must match the record.
   */
  citizenFiscalCode?: string | null | undefined;
  /** The citizen; omit with `anonymous: true` for an anonymous access. */
  citizenId?: string | number | null | undefined;
  /** A key chosen by the client so that a retried request is recorded once. */
  idempotencyKey?: string | null | undefined;
  /** The needs expressed, at least one. */
  needs: Array<AccessNeedInput>;
  /** Free-text notes. */
  notes?: string | null | undefined;
  /** When it took place (default: now). */
  occurredAt?: string | null | undefined;
  /** The office, one of the viewer's. */
  officeId: string | number;
  /** The answer given (see `codeLists.accessOutcomes`). */
  outcome: string;
  /** Codes of the services requested (see `codeLists.interventionTypes`). */
  requestedServices?: Array<string> | null | undefined;
  /** Who spoke (default: the citizen). */
  speaker?: SpeakerInput | null | undefined;
};

/** A rejection of a received referral. */
export type RejectReferralInput = {
  /** The referral's global id. */
  id: string | number;
  /** Why it is rejected. */
  reason: string;
  /** The version read. */
  version: number;
};

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

/** Requesting an intervention for a case (a social worker of the team). */
export type RequestInterventionInput = {
  /** Total amount in euro cents. */
  amountCents: number;
  /** The case. */
  caseId: string | number;
  /** End date. */
  endDate?: string | null | undefined;
  /** The funding source (see `codeLists.fundingSources`). */
  fundingSource?: string | null | undefined;
  /** The health service's share in euro cents. */
  healthShareCents?: number | null | undefined;
  /** Hours per month. */
  hoursPerMonth?: number | null | undefined;
  /** A key chosen by the client so that a retried request is recorded once. */
  idempotencyKey?: string | null | undefined;
  /** The ISEE value considered, in euro cents. */
  iseeCents?: number | null | undefined;
  /** Whether it is means-tested. */
  meansTested?: boolean | null | undefined;
  /** The provider (ente erogatore), accredited for the type. */
  providerId?: string | number | null | undefined;
  /** Start date. */
  startDate: string;
  /** The intervention type (see `codeLists.interventionTypes`). */
  type: string;
  /** The user's share in euro cents. */
  userShareCents?: number | null | undefined;
};

/** Resetting an operator's password. */
export type ResetOperatorPasswordInput = {
  /** The operator's global id. */
  operatorId: string | number;
};

/** Revoking an API client. */
export type RevokeApiClientInput = {
  /** The client's global id. */
  id: string | number;
};

/** Revoking a grant. */
export type RevokeCaseAccessInput = {
  /** The grant's global id. */
  id: string | number;
};

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

/**
 * A role to give an operator (ruolo), with its zone and office.
 * FRONT_DESK, SOCIAL_WORKER, ZONE_MANAGER and PROVIDER are held in one zone (`zoneCode` required);
 * ANALYST in one zone or, without `zoneCode`, in every zone; DPO and ADMIN are regional (no `zoneCode`).
 */
export type RoleAssignmentInput = {
  /** The office the role is limited to, if any: an office of that zone. */
  officeId?: string | number | null | undefined;
  /** The role. */
  role: Role;
  /** The code of the zone the role applies to (`"1"` … `"12"`). */
  zoneCode?: string | null | undefined;
};

/** Saving the individual plan of a case (the case team): it creates the plan or replaces it. */
export type SavePlanInput = {
  /** Who the plan is for. */
  beneficiary: PlanBeneficiary;
  /** The case. */
  caseId: string | number;
  /** When it was drawn up (default: today). */
  drawnUpOn?: string | null | undefined;
  /** The goals, in order (1 to 30). */
  goals: Array<GoalInput>;
  /** When it is to be reviewed. */
  reviewOn?: string | null | undefined;
  /** Summary of the plan. */
  summary?: string | null | undefined;
  /** The plan version read; required when the case has a plan. */
  version?: number | null | undefined;
};

/** Activating or deactivating an operator. */
export type SetOperatorActiveInput = {
  /** Whether the operator may sign in; deactivating ends the operator's sessions at once. */
  active: boolean;
  /** The operator's global id. */
  operatorId: string | number;
};

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

/** The SINA dimensions to record (values as in the national flow). */
export type SinaInput = {
  /** Behavioural disorders, 1–2. */
  behaviouralDisorders: number;
  /** Cognitive disorders, 1–3. */
  cognitiveDisorders: number;
  /** Daily activities, 1–3. */
  dailyActivities: number;
  /** Need of health care, 1–3. */
  healthCareNeed: number;
  /** Income, 1–3. */
  income: number;
  /** Mobility, 1–3. */
  mobility: number;
  /** Support network, 1–3. */
  supportNetwork: number;
};

/** Who spoke, when not the citizen. */
export type SpeakerInput = {
  /** How to reach them. */
  contact?: string | null | undefined;
  /** Who it was. */
  kind: SpeakerKind;
  /** Their name. */
  name?: string | null | undefined;
  /** Their relation to the citizen or the service they speak for. */
  relation?: string | null | undefined;
};

/** Who spoke at an access. */
export type SpeakerKind =
  /** The citizen. */
  | 'CITIZEN'
  /** Someone else. */
  | 'OTHER'
  /** Another service (altro servizio). */
  | 'OTHER_SERVICE'
  /** A relative (familiare). */
  | 'RELATIVE';

/** A dimension to break statistics down by. */
export type StatisticsDimension =
  /** Age band at the end of the period. */
  | 'AGE_BAND'
  /** The intervention type (interventions only). */
  | 'INTERVENTION_TYPE'
  /** The month (YYYY-MM) of the access, of the opening of the case, of the start of the intervention. */
  | 'MONTH'
  /** The municipality of residence. */
  | 'MUNICIPALITY'
  /** Sex. */
  | 'SEX'
  /** The user area (area di utenza): of the need, of the case, of the intervention type. */
  | 'USER_AREA'
  /** The zone (of the office for accesses, of the case, of the paying zone for interventions). */
  | 'ZONE';

/** The period and area of statistics. */
export type StatisticsFilter = {
  /** From this date (inclusive). */
  from: string;
  /** To this date (inclusive); at most five years after `from`. */
  to: string;
  /** Only this zone (default: every zone the viewer may see). */
  zoneCode?: string | null | undefined;
};

/** Changes to a citizen: only the fields given are written. */
export type UpdateCitizenInput = {
  /** Citizenship. */
  citizenship?: string | null | undefined;
  /** Domicile. */
  domicile?: AddressInput | null | undefined;
  /** Email address. */
  email?: string | null | undefined;
  /** First name. */
  firstName?: string | null | undefined;
  /** Homeless. */
  homeless?: boolean | null | undefined;
  /** The citizen's global id. */
  id: string | number;
  /** Preferred language. */
  language?: string | null | undefined;
  /** Last name. */
  lastName?: string | null | undefined;
  /** Phone number. */
  phone?: string | null | undefined;
  /** Protected address. */
  protectedAddress?: boolean | null | undefined;
  /** Residence. */
  residence?: AddressInput | null | undefined;
  /** The version read; a stale one fails with `CONFLICT`. */
  version: number;
};

/**
 * A change to an operator: only the fields given change. Administrators cannot change their own
 * roles (`FORBIDDEN`).
 */
export type UpdateOperatorInput = {
  /** The name shown to colleagues, 2 to 100 characters. */
  displayName?: string | null | undefined;
  /** The offices (replace the current ones; at most 20). */
  officeIds?: Array<string | number> | null | undefined;
  /** The operator's global id. */
  operatorId: string | number;
  /** The organization; an empty string clears it. */
  organizationId?: string | number | null | undefined;
  /** The profession's code; an empty string clears it. */
  professionCode?: string | null | undefined;
  /** The roles (replace the current ones; same rules as in `createOperator`). */
  roles?: Array<RoleAssignmentInput> | null | undefined;
  /** The version read; a stale one fails with `CONFLICT`. */
  version: number;
};

export type ViewerFieldsFragment = { id: string, username: string, displayName: string, roles: Array<Role>, mustChangePassword: boolean, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, username: string, displayName: string, roles: Array<Role>, mustChangePassword: boolean, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } | null };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { viewer: { id: string, username: string, displayName: string, roles: Array<Role>, mustChangePassword: boolean, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: { signedOut: boolean } };

export type ProviderDeliveriesQueryVariables = Exact<{
  providerId?: string | number | null | undefined;
}>;


export type ProviderDeliveriesQuery = { interventions: { totalCount: number, edges: Array<{ node: { id: string, status: InterventionStatus | null, startDate: string | null, endDate: string | null, hoursPerMonth: number | null, type: { labelIt: string, labelEn: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null } }> } };

export type ActivityTargetQueryVariables = Exact<{
  id: string | number;
}>;


export type ActivityTargetQuery = { node:
    | { id: string, caseStatus: CaseStatus | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, userArea: { labelIt: string, labelEn: string } | null }
    | { id: string, startDate: string | null, endDate: string | null, interventionStatus: InterventionStatus | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, type: { labelIt: string, labelEn: string } | null, provider: { id: string, name: string } | null }
    | Record<PropertyKey, never>
   | null };

export type RecordQueuedActivityMutationVariables = Exact<{
  input: RecordActivityInput;
}>;


export type RecordQueuedActivityMutation = { recordActivity: { activity: { id: string } | null } };

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


export type CitizenPageQuery = { citizen: { id: string, fiscalCode: string | null, temporaryId: string | null, firstName: string | null, lastName: string | null, birthDate: string | null, sex: Sex | null, citizenship: string | null, phone: string | null, email: string | null, homeless: boolean | null, language: string | null, protectedAddress: boolean | null, emergencyAccess: { id: string, startedAt: string | null, expiresAt: string | null, reason: string | null } | null, birthPlace: { code: string | null, foreign: boolean | null, municipality: { id: string, name: string } | null } | null, residence: { address: string | null, postcode: string | null, municipality: { id: string, name: string, zone: { id: string, code: string, name: string } } | null } | null, domicile: { address: string | null, postcode: string | null, municipality: { id: string, name: string } | null } | null, household: { size: number | null, hiddenMembers: number | null, members: Array<{ id: string, firstName: string | null, lastName: string | null, birthDate: string | null }> | null } | null, relations: { totalCount: number, edges: Array<{ node: { id: string, kind: RelationKind | null, cohabiting: boolean | null, validFrom: string | null, validTo: string | null, relatedCitizen: { id: string, firstName: string | null, lastName: string | null } | null } }> } | null, accesses: { totalCount: number, edges: Array<{ node: { id: string, occurredAt: string | null, channel: AccessChannel | null, office: { id: string, name: string } | null, zone: { id: string, code: string, name: string } | null, operator: { id: string, displayName: string } | null, outcome: { code: string, labelIt: string, labelEn: string } | null } }> } | null, cases: { totalCount: number, edges: Array<{ node: { id: string, status: CaseStatus | null, openedAt: string | null, closedAt: string | null, userArea: { code: string, labelIt: string, labelEn: string } | null, responsible: { id: string, displayName: string } | null, office: { id: string, name: string } | null } }> } | null, interventions: { totalCount: number, edges: Array<{ node: { id: string, status: InterventionStatus | null, startDate: string | null, endDate: string | null, type: { code: string, labelIt: string, labelEn: string } | null, provider: { id: string, name: string } | null, case: { id: string } | null } }> } | null, referrals: { totalCount: number, edges: Array<{ node: { id: string, status: ReferralStatus | null, reason: string | null, proposedAt: string | null, fromOffice: { id: string, name: string } | null, toOffice: { id: string, name: string } | null, toOrganization: { id: string, name: string } | null, case: { id: string } | null } }> } | null } | null };

export type CitizenSearchQueryVariables = Exact<{
  search: string;
}>;


export type CitizenSearchQuery = { citizens: { totalCount: number, edges: Array<{ node: { id: string, fiscalCode: string | null, temporaryId: string | null, firstName: string | null, lastName: string | null, birthDate: string | null, residence: { municipality: { id: string, name: string } | null } | null } }> } };

export type DeclareEmergencyAccessMutationVariables = Exact<{
  input: DeclareEmergencyAccessInput;
}>;


export type DeclareEmergencyAccessMutation = { declareEmergencyAccess: { emergencyAccess: { id: string, expiresAt: string | null } | null, citizen: { id: string } | null } };

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

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { viewer: { id: string, username: string, displayName: string, roles: Array<Role>, mustChangePassword: boolean, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string, name: string }> } } };

export type AdminChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminChoicesQuery = { zones: Array<{ id: string, code: string, name: string }>, organizations: { edges: Array<{ node: { id: string, name: string } }> }, offices: { edges: Array<{ node: { id: string, name: string, zone: { id: string, code: string } } }> }, codeLists: { professions: Array<{ code: string, labelIt: string, labelEn: string }> } };

export type AdminOperatorsQueryVariables = Exact<{
  zoneCode?: string | null | undefined;
  organizationId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminOperatorsQuery = { operators: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, username: string, displayName: string, active: boolean | null, organization: { id: string, name: string } | null, roles: Array<{ role: Role, zone: { id: string, code: string } | null }> } }> } };

export type AdminOperatorQueryVariables = Exact<{
  id: string | number;
}>;


export type AdminOperatorQuery = { node:
    | { id: string, username: string, displayName: string, version: number | null, active: boolean | null, lastSignInAt: string | null, lockedUntil: string | null, profession: { code: string } | null, organization: { id: string } | null, offices: Array<{ id: string }>, roles: Array<{ role: Role, zone: { id: string, code: string } | null, office: { id: string } | null }> }
    | Record<PropertyKey, never>
   | null };

export type AdminCreateOperatorMutationVariables = Exact<{
  input: CreateOperatorInput;
}>;


export type AdminCreateOperatorMutation = { createOperator: { oneTimePassword: string | null, operator: { id: string, username: string, displayName: string } | null } };

export type AdminUpdateOperatorMutationVariables = Exact<{
  input: UpdateOperatorInput;
}>;


export type AdminUpdateOperatorMutation = { updateOperator: { operator: { id: string, version: number | null } | null } };

export type AdminSetOperatorActiveMutationVariables = Exact<{
  input: SetOperatorActiveInput;
}>;


export type AdminSetOperatorActiveMutation = { setOperatorActive: { operator: { id: string, active: boolean | null, version: number | null } | null } };

export type AdminResetOperatorPasswordMutationVariables = Exact<{
  input: ResetOperatorPasswordInput;
}>;


export type AdminResetOperatorPasswordMutation = { resetOperatorPassword: { oneTimePassword: string, operator: { id: string } | null } };

export type AdminEventsQueryVariables = Exact<{
  operatorId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminEventsQuery = { administrationEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { at: string, actor: string, action: string, objectType: string, objectId: string | null, before: string | null, after: string | null, operator: { id: string, displayName: string } | null } }> } | null };

export type AdminApiClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminApiClientsQuery = { apiClients: Array<{ id: string, name: string, role: Role, active: boolean, tokenPrefix: string, createdAt: string, expiresAt: string, revokedAt: string | null, lastUsedAt: string | null, scopes: Array<string>, organization: { id: string, name: string } | null, zones: Array<{ id: string, code: string }> }>, apiScopes: Array<{ name: string, description: string }> };

export type AdminCreateApiClientMutationVariables = Exact<{
  input: CreateApiClientInput;
}>;


export type AdminCreateApiClientMutation = { createApiClient: { token: string, apiClient: { id: string, name: string } | null } };

export type AdminRevokeApiClientMutationVariables = Exact<{
  input: RevokeApiClientInput;
}>;


export type AdminRevokeApiClientMutation = { revokeApiClient: { apiClient: { id: string, active: boolean, revokedAt: string | null } | null } };

export type AuditTrailQueryVariables = Exact<{
  fiscalCode?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditTrailQuery = { auditTrail: { citizenId: string, totalCount: number, hasNextPage: boolean, endCursor: string | null, entries: Array<{ at: string, actor: string, action: string, tiers: Array<string>, operationName: string | null, channel: string, emergency: boolean, reason: string | null, objectType: string | null, requestId: string | null, operator: { id: string, displayName: string } | null }> } | null };

export type EmergencyAccessesQueryVariables = Exact<{
  zoneCode?: string | null | undefined;
  activeOnly?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EmergencyAccessesQuery = { emergencyAccesses: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, reason: string | null, startedAt: string | null, expiresAt: string | null, active: boolean | null, operator: { id: string, displayName: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, zone: { id: string, code: string, name: string } | null } }> } };

export type EmergencyZonesQueryVariables = Exact<{ [key: string]: never; }>;


export type EmergencyZonesQuery = { zones: Array<{ id: string, code: string, name: string }> };

export type AddMemberPageQueryVariables = Exact<{
  id: string | number;
}>;


export type AddMemberPageQuery = { node:
    | { id: string, status: CaseStatus | null, version: number | null, openedAt: string | null, zone: { id: string, code: string, name: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string, displayName: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type ZoneOperatorsQueryVariables = Exact<{
  zoneCode: string;
}>;


export type ZoneOperatorsQuery = { operators: { edges: Array<{ node: { id: string, displayName: string, profession: { code: string, labelIt: string, labelEn: string } | null, roles: Array<{ role: Role, zone: { code: string } | null }> } }> } };

export type AddCaseMemberMutationVariables = Exact<{
  input: AddCaseMemberInput;
}>;


export type AddCaseMemberMutation = { addCaseMember: { case: { id: string, version: number | null } | null } };

export type AssessmentPageQueryVariables = Exact<{
  id: string | number;
}>;


export type AssessmentPageQuery = { node:
    | { id: string, status: CaseStatus | null, zone: { id: string, code: string } | null, userArea: { code: string, inpsArea: number } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type RecordAssessmentMutationVariables = Exact<{
  input: RecordAssessmentInput;
}>;


export type RecordAssessmentMutation = { recordAssessment: { assessment: { id: string, kind: AssessmentKind | null, assessedOn: string | null } | null } };

export type CaseGrantsPageQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseGrantsPageQuery = { node:
    | { id: string, status: CaseStatus | null, zone: { id: string, code: string, name: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null, grants: Array<{ id: string, validFrom: string | null, validTo: string | null, reason: string | null, revokedAt: string | null, granteeOffice: { id: string, name: string } | null, granteeOrganization: { id: string, name: string } | null, grantedBy: { id: string, displayName: string } | null }> | null }
    | Record<PropertyKey, never>
   | null };

export type GranteesQueryVariables = Exact<{ [key: string]: never; }>;


export type GranteesQuery = { offices: { edges: Array<{ node: { id: string, name: string, zone: { id: string, code: string, name: string } } }> }, organizations: { edges: Array<{ node: { id: string, name: string, kind: OrganizationKind, zone: { id: string, code: string, name: string } | null } }> } };

export type GrantCaseAccessMutationVariables = Exact<{
  input: GrantCaseAccessInput;
}>;


export type GrantCaseAccessMutation = { grantCaseAccess: { grant: { id: string, validTo: string | null } | null } };

export type RevokeCaseAccessMutationVariables = Exact<{
  input: RevokeCaseAccessInput;
}>;


export type RevokeCaseAccessMutation = { revokeCaseAccess: { grant: { id: string, revokedAt: string | null } | null } };

export type InterventionPageQueryVariables = Exact<{
  id: string | number;
}>;


export type InterventionPageQuery = { node:
    | { id: string, status: InterventionStatus | null, version: number | null, startDate: string | null, endDate: string | null, amountCents: number | null, userShareCents: number | null, healthShareCents: number | null, hoursPerMonth: number | null, meansTested: boolean | null, requestedAt: string | null, authorizedAt: string | null, closedAt: string | null, type: { code: string, labelIt: string, labelEn: string } | null, provider: { id: string, name: string } | null, fundingSource: { code: string, labelIt: string, labelEn: string } | null, zone: { id: string, code: string } | null, requestedBy: { id: string, displayName: string } | null, authorizedBy: { id: string, displayName: string } | null, case: { id: string, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null } | null }
    | Record<PropertyKey, never>
   | null };

export type AuthorizeInterventionMutationVariables = Exact<{
  input: AuthorizeInterventionInput;
}>;


export type AuthorizeInterventionMutation = { authorizeIntervention: { intervention: { id: string, status: InterventionStatus | null, version: number | null } | null } };

export type CloseInterventionMutationVariables = Exact<{
  input: CloseInterventionInput;
}>;


export type CloseInterventionMutation = { closeIntervention: { intervention: { id: string, status: InterventionStatus | null, version: number | null } | null } };

export type PlanPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PlanPageQuery = { node:
    | { id: string, status: CaseStatus | null, openedAt: string | null, zone: { id: string, code: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null, plan: { id: string, version: number | null, beneficiary: PlanBeneficiary | null, drawnUpOn: string | null, reviewOn: string | null, summary: string | null, goals: Array<{ description: string | null, term: GoalTerm | null, indicator: string | null, outcome: GoalOutcome | null }> | null } | null }
    | Record<PropertyKey, never>
   | null };

export type SavePlanMutationVariables = Exact<{
  input: SavePlanInput;
}>;


export type SavePlanMutation = { savePlan: { plan: { id: string, version: number | null } | null } };

export type RequestInterventionPageQueryVariables = Exact<{
  id: string | number;
}>;


export type RequestInterventionPageQuery = { node:
    | { id: string, status: CaseStatus | null, zone: { id: string, code: string, name: string } | null, userArea: { code: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null, codeLists: { interventionTypes: Array<{ code: string, labelIt: string, labelEn: string, kind: string, area: { code: string, labelIt: string, labelEn: string } }>, fundingSources: Array<{ code: string, labelIt: string, labelEn: string }> }, organizations: { edges: Array<{ node: { id: string, name: string, kind: OrganizationKind, accreditedFrom: string | null, accreditedTo: string | null, accreditedFor: Array<{ code: string }>, zone: { id: string, code: string, name: string } | null } }> } };

export type RequestInterventionMutationVariables = Exact<{
  input: RequestInterventionInput;
}>;


export type RequestInterventionMutation = { requestIntervention: { intervention: { id: string, status: InterventionStatus | null, version: number | null } | null } };

export type CaseStatusPageQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseStatusPageQuery = { node:
    | { id: string, status: CaseStatus | null, version: number | null, zone: { id: string, code: string } | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, members: { edges: Array<{ node: { id: string, role: CaseMemberRole | null, validFrom: string | null, validTo: string | null, operator: { id: string } | null } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type ChangeCaseStatusMutationVariables = Exact<{
  input: ChangeCaseStatusInput;
}>;


export type ChangeCaseStatusMutation = { changeCaseStatus: { case: { id: string, status: CaseStatus | null, version: number | null } | null } };

export type CloseCaseMutationVariables = Exact<{
  input: CloseCaseInput;
}>;


export type CloseCaseMutation = { closeCase: { case: { id: string, status: CaseStatus | null, version: number | null } | null } };

export type AccessFormDataQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessFormDataQuery = { viewer: { id: string, offices: Array<{ id: string, name: string, kind: OfficeKind }> } | null, codeLists: { userAreas: Array<{ code: string, labelIt: string, labelEn: string }>, needCategories: Array<{ code: string, labelIt: string, labelEn: string, area: { code: string } }>, accessOutcomes: Array<{ code: string, labelIt: string, labelEn: string }>, interventionTypes: Array<{ code: string, labelIt: string, labelEn: string, area: { code: string } }> } };

export type AccessCitizenQueryVariables = Exact<{
  id: string | number;
}>;


export type AccessCitizenQuery = { citizen: { id: string, firstName: string | null, lastName: string | null, fiscalCode: string | null, temporaryId: string | null } | null };

export type RegisterAccessMutationVariables = Exact<{
  input: RegisterAccessInput;
}>;


export type RegisterAccessMutation = { registerAccess: { access: { id: string, citizen: { id: string } | null } | null } };

export type CaseOpenDataQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseOpenDataQuery = { citizen: { id: string, firstName: string | null, lastName: string | null, accesses: { edges: Array<{ node: { id: string, occurredAt: string | null, office: { id: string, name: string } | null } }> } | null, referrals: { edges: Array<{ node: { id: string, status: ReferralStatus | null, proposedAt: string | null, fromOffice: { id: string, name: string } | null } }> } | null } | null, viewer: { id: string, offices: Array<{ id: string, name: string, kind: OfficeKind }> } | null, codeLists: { userAreas: Array<{ code: string, labelIt: string, labelEn: string }> } };

export type OpenCaseMutationVariables = Exact<{
  input: OpenCaseInput;
}>;


export type OpenCaseMutation = { openCase: { case: { id: string } | null } };

export type CitizenEditQueryVariables = Exact<{
  id: string | number;
}>;


export type CitizenEditQuery = { citizen: { id: string, version: number | null, fiscalCode: string | null, temporaryId: string | null, firstName: string | null, lastName: string | null, citizenship: string | null, language: string | null, phone: string | null, email: string | null, homeless: boolean | null, protectedAddress: boolean | null, residence: { address: string | null, postcode: string | null, municipality: { id: string, istatCode: string, name: string, province: string } | null } | null, domicile: { address: string | null, municipality: { id: string, istatCode: string, name: string, province: string } | null } | null } | null };

export type UpdateCitizenMutationVariables = Exact<{
  input: UpdateCitizenInput;
}>;


export type UpdateCitizenMutation = { updateCitizen: { citizen: { id: string, version: number | null } | null } };

export type CitizenCandidatesQueryVariables = Exact<{
  fiscalCode?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  birthDate?: string | null | undefined;
}>;


export type CitizenCandidatesQuery = { citizenCandidates: Array<{ id: string, firstName: string, lastName: string, birthDate: string | null, match: CandidateMatch, inScope: boolean, residenceMunicipality: { id: string, name: string } | null }> };

export type CreateCitizenMutationVariables = Exact<{
  input: CreateCitizenInput;
}>;


export type CreateCitizenMutation = { createCitizen: { citizen: { id: string, firstName: string | null, lastName: string | null } | null, possibleDuplicates: Array<{ id: string, firstName: string, lastName: string, birthDate: string | null, match: CandidateMatch, inScope: boolean, residenceMunicipality: { id: string, name: string } | null }> | null } };

export type MunicipalitySearchQueryVariables = Exact<{
  search: string;
}>;


export type MunicipalitySearchQuery = { municipalities: Array<{ id: string, istatCode: string, cadastralCode: string, name: string, province: string }> };

export type ReferralPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferralPageQuery = { node:
    | { id: string, status: ReferralStatus | null, reason: string | null, version: number | null, proposedAt: string | null, seenAt: string | null, answeredAt: string | null, rejectionReason: string | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, fromOffice: { id: string, name: string } | null, toOffice: { id: string, name: string } | null, toOrganization: { id: string, name: string } | null, proposedBy: { id: string, displayName: string } | null, answeredBy: { id: string, displayName: string } | null }
    | Record<PropertyKey, never>
   | null, viewer: { id: string, roles: Array<Role>, offices: Array<{ id: string }>, organization: { id: string } | null } | null };

export type MarkReferralSeenMutationVariables = Exact<{
  input: ReferralAnswerInput;
}>;


export type MarkReferralSeenMutation = { markReferralSeen: { referral: { id: string, status: ReferralStatus | null, version: number | null } | null } };

export type AcceptReferralMutationVariables = Exact<{
  input: ReferralAnswerInput;
}>;


export type AcceptReferralMutation = { acceptReferral: { referral: { id: string, status: ReferralStatus | null, version: number | null } | null } };

export type RejectReferralMutationVariables = Exact<{
  input: RejectReferralInput;
}>;


export type RejectReferralMutation = { rejectReferral: { referral: { id: string, status: ReferralStatus | null, version: number | null } | null } };

export type ReferralFormDataQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferralFormDataQuery = { citizen: { id: string, firstName: string | null, lastName: string | null, accesses: { edges: Array<{ node: { id: string, occurredAt: string | null, office: { id: string, name: string } | null } }> } | null, cases: { edges: Array<{ node: { id: string, openedAt: string | null, status: CaseStatus | null, userArea: { code: string, labelIt: string, labelEn: string } | null } }> } | null } | null, viewer: { id: string, offices: Array<{ id: string, name: string }> } | null, offices: { edges: Array<{ node: { id: string, name: string, zone: { id: string, code: string } } }> }, organizations: { edges: Array<{ node: { id: string, name: string, kind: OrganizationKind } }> } };

export type CreateReferralMutationVariables = Exact<{
  input: CreateReferralInput;
}>;


export type CreateReferralMutation = { createReferral: { referral: { id: string, status: ReferralStatus | null } | null } };

export type RelationCitizenQueryVariables = Exact<{
  id: string | number;
}>;


export type RelationCitizenQuery = { citizen: { id: string, firstName: string | null, lastName: string | null } | null };

export type RelatedSearchQueryVariables = Exact<{
  search: string;
}>;


export type RelatedSearchQuery = { citizens: { edges: Array<{ node: { id: string, firstName: string | null, lastName: string | null, birthDate: string | null } }> } };

export type LinkRelationMutationVariables = Exact<{
  input: LinkRelationInput;
}>;


export type LinkRelationMutation = { linkRelation: { relation: { id: string, kind: RelationKind | null } | null } };

export type MonitoringOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MonitoringOptionsQuery = { zones: Array<{ id: string, code: string, name: string }>, codeLists: { userAreas: Array<{ code: string, labelIt: string, labelEn: string }> } };

export type MonitoringCoverageQueryVariables = Exact<{
  filter: MonitoringFilter;
  days?: number | null | undefined;
}>;


export type MonitoringCoverageQuery = { coverage: { uncoveredAfterDays: number, byArea: Array<{ needsExpressed: number | null, people: number | null, answered: number | null, answeredLate: number | null, pending: number | null, uncovered: number | null, suppressed: boolean, area: { code: string, labelIt: string, labelEn: string } | null }>, uncovered: { totalCount: number, edges: Array<{ node: { expressedAt: string | null, daysWaiting: number | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, need: { code: string, labelIt: string, labelEn: string } | null, area: { code: string, labelIt: string, labelEn: string } | null, zone: { id: string, code: string, name: string } | null, office: { id: string, name: string } | null } }> } } | null };

export type MonitoringOverlapsQueryVariables = Exact<{
  filter: MonitoringFilter;
  by?: OverlapBy | null | undefined;
}>;


export type MonitoringOverlapsQuery = { overlaps: { summary: Array<{ people: number | null, interventions: number | null, amountCents: number | null, suppressed: boolean, zone: { id: string, code: string, name: string } | null, area: { code: string, labelIt: string, labelEn: string } | null, interventionType: { code: string, labelIt: string, labelEn: string } | null }>, items: { totalCount: number, edges: Array<{ node: { from: string | null, to: string | null, amountCents: number | null, citizen: { id: string, firstName: string | null, lastName: string | null } | null, area: { code: string, labelIt: string, labelEn: string } | null, interventionType: { code: string, labelIt: string, labelEn: string } | null, interventions: Array<{ id: string, type: { code: string, labelIt: string, labelEn: string } | null }> | null, organizations: Array<{ id: string, name: string }> | null } }> } } | null };

export type MonitoringStatisticsQueryVariables = Exact<{
  filter: StatisticsFilter;
  groupBy: Array<StatisticsDimension> | StatisticsDimension;
}>;


export type MonitoringStatisticsQuery = { statistics: { suppressionThreshold: number, cells: Array<{ month: string | null, people: number | null, accesses: number | null, cases: number | null, interventions: number | null, amountCents: number | null, suppressed: boolean, zone: { id: string, code: string, name: string } | null, userArea: { code: string } | null }>, totals: { people: number | null, accesses: number | null, cases: number | null, interventions: number | null, amountCents: number | null, suppressed: boolean } } | null };

export type MonitoringStaffingQueryVariables = Exact<{
  zoneCode?: string | null | undefined;
}>;


export type MonitoringStaffingQuery = { staffing: Array<{ population: number, socialWorkers: number, target: number, inhabitantsPerSocialWorker: number | null, gap: number, zone: { id: string, code: string, name: string } }> | null };

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
  mustChangePassword
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
  mustChangePassword
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
  mustChangePassword
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
export const ProviderDeliveriesDocument = new TypedDocumentString(`
    query ProviderDeliveries($providerId: ID) {
  interventions(
    filter: {providerId: $providerId, status: [AUTHORIZED, ACTIVE]}
    first: 50
  ) {
    totalCount
    edges {
      node {
        id
        status
        startDate
        endDate
        hoursPerMonth
        type {
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
}
    `) as unknown as TypedDocumentString<ProviderDeliveriesQuery, ProviderDeliveriesQueryVariables>;
export const ActivityTargetDocument = new TypedDocumentString(`
    query ActivityTarget($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      caseStatus: status
      citizen {
        id
        firstName
        lastName
      }
      userArea {
        labelIt
        labelEn
      }
    }
    ... on Intervention {
      id
      interventionStatus: status
      startDate
      endDate
      citizen {
        id
        firstName
        lastName
      }
      type {
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
    `) as unknown as TypedDocumentString<ActivityTargetQuery, ActivityTargetQueryVariables>;
export const RecordQueuedActivityDocument = new TypedDocumentString(`
    mutation RecordQueuedActivity($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordQueuedActivityMutation, RecordQueuedActivityMutationVariables>;
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
    emergencyAccess {
      id
      startedAt
      expiresAt
      reason
    }
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
export const DeclareEmergencyAccessDocument = new TypedDocumentString(`
    mutation DeclareEmergencyAccess($input: DeclareEmergencyAccessInput!) {
  declareEmergencyAccess(input: $input) {
    emergencyAccess {
      id
      expiresAt
    }
    citizen {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeclareEmergencyAccessMutation, DeclareEmergencyAccessMutationVariables>;
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
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
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
  mustChangePassword
  organization {
    id
    name
  }
  zones {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const AdminChoicesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AdminChoicesQuery, AdminChoicesQueryVariables>;
export const AdminOperatorsDocument = new TypedDocumentString(`
    query AdminOperators($zoneCode: String, $organizationId: ID, $first: Int, $after: String) {
  operators(
    zoneCode: $zoneCode
    organizationId: $organizationId
    first: $first
    after: $after
  ) {
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
    `) as unknown as TypedDocumentString<AdminOperatorsQuery, AdminOperatorsQueryVariables>;
export const AdminOperatorDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AdminOperatorQuery, AdminOperatorQueryVariables>;
export const AdminCreateOperatorDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AdminCreateOperatorMutation, AdminCreateOperatorMutationVariables>;
export const AdminUpdateOperatorDocument = new TypedDocumentString(`
    mutation AdminUpdateOperator($input: UpdateOperatorInput!) {
  updateOperator(input: $input) {
    operator {
      id
      version
    }
  }
}
    `) as unknown as TypedDocumentString<AdminUpdateOperatorMutation, AdminUpdateOperatorMutationVariables>;
export const AdminSetOperatorActiveDocument = new TypedDocumentString(`
    mutation AdminSetOperatorActive($input: SetOperatorActiveInput!) {
  setOperatorActive(input: $input) {
    operator {
      id
      active
      version
    }
  }
}
    `) as unknown as TypedDocumentString<AdminSetOperatorActiveMutation, AdminSetOperatorActiveMutationVariables>;
export const AdminResetOperatorPasswordDocument = new TypedDocumentString(`
    mutation AdminResetOperatorPassword($input: ResetOperatorPasswordInput!) {
  resetOperatorPassword(input: $input) {
    oneTimePassword
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AdminResetOperatorPasswordMutation, AdminResetOperatorPasswordMutationVariables>;
export const AdminEventsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AdminEventsQuery, AdminEventsQueryVariables>;
export const AdminApiClientsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AdminApiClientsQuery, AdminApiClientsQueryVariables>;
export const AdminCreateApiClientDocument = new TypedDocumentString(`
    mutation AdminCreateApiClient($input: CreateApiClientInput!) {
  createApiClient(input: $input) {
    token
    apiClient {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AdminCreateApiClientMutation, AdminCreateApiClientMutationVariables>;
export const AdminRevokeApiClientDocument = new TypedDocumentString(`
    mutation AdminRevokeApiClient($input: RevokeApiClientInput!) {
  revokeApiClient(input: $input) {
    apiClient {
      id
      active
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<AdminRevokeApiClientMutation, AdminRevokeApiClientMutationVariables>;
export const AuditTrailDocument = new TypedDocumentString(`
    query AuditTrail($fiscalCode: String, $first: Int, $after: String) {
  auditTrail(fiscalCode: $fiscalCode, first: $first, after: $after) {
    citizenId
    totalCount
    hasNextPage
    endCursor
    entries {
      at
      actor
      operator {
        id
        displayName
      }
      action
      tiers
      operationName
      channel
      emergency
      reason
      objectType
      requestId
    }
  }
}
    `) as unknown as TypedDocumentString<AuditTrailQuery, AuditTrailQueryVariables>;
export const EmergencyAccessesDocument = new TypedDocumentString(`
    query EmergencyAccesses($zoneCode: String, $activeOnly: Boolean, $first: Int, $after: String) {
  emergencyAccesses(
    zoneCode: $zoneCode
    activeOnly: $activeOnly
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        operator {
          id
          displayName
        }
        citizen {
          id
          firstName
          lastName
        }
        zone {
          id
          code
          name
        }
        reason
        startedAt
        expiresAt
        active
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EmergencyAccessesQuery, EmergencyAccessesQueryVariables>;
export const EmergencyZonesDocument = new TypedDocumentString(`
    query EmergencyZones {
  zones {
    id
    code
    name
  }
}
    `) as unknown as TypedDocumentString<EmergencyZonesQuery, EmergencyZonesQueryVariables>;
export const AddMemberPageDocument = new TypedDocumentString(`
    query AddMemberPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      version
      openedAt
      zone {
        id
        code
        name
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
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
    }
  }
}
    `) as unknown as TypedDocumentString<AddMemberPageQuery, AddMemberPageQueryVariables>;
export const ZoneOperatorsDocument = new TypedDocumentString(`
    query ZoneOperators($zoneCode: String!) {
  operators(zoneCode: $zoneCode, first: 100) {
    edges {
      node {
        id
        displayName
        profession {
          code
          labelIt
          labelEn
        }
        roles {
          role
          zone {
            code
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ZoneOperatorsQuery, ZoneOperatorsQueryVariables>;
export const AddCaseMemberDocument = new TypedDocumentString(`
    mutation AddCaseMember($input: AddCaseMemberInput!) {
  addCaseMember(input: $input) {
    case {
      id
      version
    }
  }
}
    `) as unknown as TypedDocumentString<AddCaseMemberMutation, AddCaseMemberMutationVariables>;
export const AssessmentPageDocument = new TypedDocumentString(`
    query AssessmentPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      zone {
        id
        code
      }
      userArea {
        code
        inpsArea
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AssessmentPageQuery, AssessmentPageQueryVariables>;
export const RecordAssessmentDocument = new TypedDocumentString(`
    mutation RecordAssessment($input: RecordAssessmentInput!) {
  recordAssessment(input: $input) {
    assessment {
      id
      kind
      assessedOn
    }
  }
}
    `) as unknown as TypedDocumentString<RecordAssessmentMutation, RecordAssessmentMutationVariables>;
export const CaseGrantsPageDocument = new TypedDocumentString(`
    query CaseGrantsPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      zone {
        id
        code
        name
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
            }
          }
        }
      }
      grants {
        id
        validFrom
        validTo
        reason
        revokedAt
        granteeOffice {
          id
          name
        }
        granteeOrganization {
          id
          name
        }
        grantedBy {
          id
          displayName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseGrantsPageQuery, CaseGrantsPageQueryVariables>;
export const GranteesDocument = new TypedDocumentString(`
    query Grantees {
  offices(first: 100) {
    edges {
      node {
        id
        name
        zone {
          id
          code
          name
        }
      }
    }
  }
  organizations(first: 100) {
    edges {
      node {
        id
        name
        kind
        zone {
          id
          code
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GranteesQuery, GranteesQueryVariables>;
export const GrantCaseAccessDocument = new TypedDocumentString(`
    mutation GrantCaseAccess($input: GrantCaseAccessInput!) {
  grantCaseAccess(input: $input) {
    grant {
      id
      validTo
    }
  }
}
    `) as unknown as TypedDocumentString<GrantCaseAccessMutation, GrantCaseAccessMutationVariables>;
export const RevokeCaseAccessDocument = new TypedDocumentString(`
    mutation RevokeCaseAccess($input: RevokeCaseAccessInput!) {
  revokeCaseAccess(input: $input) {
    grant {
      id
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RevokeCaseAccessMutation, RevokeCaseAccessMutationVariables>;
export const InterventionPageDocument = new TypedDocumentString(`
    query InterventionPage($id: ID!) {
  node(id: $id) {
    ... on Intervention {
      id
      status
      version
      startDate
      endDate
      amountCents
      userShareCents
      healthShareCents
      hoursPerMonth
      meansTested
      requestedAt
      authorizedAt
      closedAt
      type {
        code
        labelIt
        labelEn
      }
      provider {
        id
        name
      }
      fundingSource {
        code
        labelIt
        labelEn
      }
      zone {
        id
        code
      }
      requestedBy {
        id
        displayName
      }
      authorizedBy {
        id
        displayName
      }
      case {
        id
        members(first: 100) {
          edges {
            node {
              id
              role
              validFrom
              validTo
              operator {
                id
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InterventionPageQuery, InterventionPageQueryVariables>;
export const AuthorizeInterventionDocument = new TypedDocumentString(`
    mutation AuthorizeIntervention($input: AuthorizeInterventionInput!) {
  authorizeIntervention(input: $input) {
    intervention {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<AuthorizeInterventionMutation, AuthorizeInterventionMutationVariables>;
export const CloseInterventionDocument = new TypedDocumentString(`
    mutation CloseIntervention($input: CloseInterventionInput!) {
  closeIntervention(input: $input) {
    intervention {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<CloseInterventionMutation, CloseInterventionMutationVariables>;
export const PlanPageDocument = new TypedDocumentString(`
    query PlanPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      openedAt
      zone {
        id
        code
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
            }
          }
        }
      }
      plan {
        id
        version
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
    }
  }
}
    `) as unknown as TypedDocumentString<PlanPageQuery, PlanPageQueryVariables>;
export const SavePlanDocument = new TypedDocumentString(`
    mutation SavePlan($input: SavePlanInput!) {
  savePlan(input: $input) {
    plan {
      id
      version
    }
  }
}
    `) as unknown as TypedDocumentString<SavePlanMutation, SavePlanMutationVariables>;
export const RequestInterventionPageDocument = new TypedDocumentString(`
    query RequestInterventionPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      zone {
        id
        code
        name
      }
      userArea {
        code
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
            }
          }
        }
      }
    }
  }
  codeLists {
    interventionTypes {
      code
      labelIt
      labelEn
      kind
      area {
        code
        labelIt
        labelEn
      }
    }
    fundingSources {
      code
      labelIt
      labelEn
    }
  }
  organizations(first: 100) {
    edges {
      node {
        id
        name
        kind
        accreditedFrom
        accreditedTo
        accreditedFor {
          code
        }
        zone {
          id
          code
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RequestInterventionPageQuery, RequestInterventionPageQueryVariables>;
export const RequestInterventionDocument = new TypedDocumentString(`
    mutation RequestIntervention($input: RequestInterventionInput!) {
  requestIntervention(input: $input) {
    intervention {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<RequestInterventionMutation, RequestInterventionMutationVariables>;
export const CaseStatusPageDocument = new TypedDocumentString(`
    query CaseStatusPage($id: ID!) {
  node(id: $id) {
    ... on Case {
      id
      status
      version
      zone {
        id
        code
      }
      citizen {
        id
        firstName
        lastName
      }
      members(first: 100) {
        edges {
          node {
            id
            role
            validFrom
            validTo
            operator {
              id
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseStatusPageQuery, CaseStatusPageQueryVariables>;
export const ChangeCaseStatusDocument = new TypedDocumentString(`
    mutation ChangeCaseStatus($input: ChangeCaseStatusInput!) {
  changeCaseStatus(input: $input) {
    case {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<ChangeCaseStatusMutation, ChangeCaseStatusMutationVariables>;
export const CloseCaseDocument = new TypedDocumentString(`
    mutation CloseCase($input: CloseCaseInput!) {
  closeCase(input: $input) {
    case {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<CloseCaseMutation, CloseCaseMutationVariables>;
export const AccessFormDataDocument = new TypedDocumentString(`
    query AccessFormData {
  viewer {
    id
    offices {
      id
      name
      kind
    }
  }
  codeLists {
    userAreas {
      code
      labelIt
      labelEn
    }
    needCategories {
      code
      labelIt
      labelEn
      area {
        code
      }
    }
    accessOutcomes {
      code
      labelIt
      labelEn
    }
    interventionTypes {
      code
      labelIt
      labelEn
      area {
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccessFormDataQuery, AccessFormDataQueryVariables>;
export const AccessCitizenDocument = new TypedDocumentString(`
    query AccessCitizen($id: ID!) {
  citizen(id: $id) {
    id
    firstName
    lastName
    fiscalCode
    temporaryId
  }
}
    `) as unknown as TypedDocumentString<AccessCitizenQuery, AccessCitizenQueryVariables>;
export const RegisterAccessDocument = new TypedDocumentString(`
    mutation RegisterAccess($input: RegisterAccessInput!) {
  registerAccess(input: $input) {
    access {
      id
      citizen {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterAccessMutation, RegisterAccessMutationVariables>;
export const CaseOpenDataDocument = new TypedDocumentString(`
    query CaseOpenData($id: ID!) {
  citizen(id: $id) {
    id
    firstName
    lastName
    accesses(first: 10) {
      edges {
        node {
          id
          occurredAt
          office {
            id
            name
          }
        }
      }
    }
    referrals(first: 20) {
      edges {
        node {
          id
          status
          proposedAt
          fromOffice {
            id
            name
          }
        }
      }
    }
  }
  viewer {
    id
    offices {
      id
      name
      kind
    }
  }
  codeLists {
    userAreas {
      code
      labelIt
      labelEn
    }
  }
}
    `) as unknown as TypedDocumentString<CaseOpenDataQuery, CaseOpenDataQueryVariables>;
export const OpenCaseDocument = new TypedDocumentString(`
    mutation OpenCase($input: OpenCaseInput!) {
  openCase(input: $input) {
    case {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<OpenCaseMutation, OpenCaseMutationVariables>;
export const CitizenEditDocument = new TypedDocumentString(`
    query CitizenEdit($id: ID!) {
  citizen(id: $id) {
    id
    version
    fiscalCode
    temporaryId
    firstName
    lastName
    citizenship
    language
    residence {
      address
      postcode
      municipality {
        id
        istatCode
        name
        province
      }
    }
    domicile {
      address
      municipality {
        id
        istatCode
        name
        province
      }
    }
    phone
    email
    homeless
    protectedAddress
  }
}
    `) as unknown as TypedDocumentString<CitizenEditQuery, CitizenEditQueryVariables>;
export const UpdateCitizenDocument = new TypedDocumentString(`
    mutation UpdateCitizen($input: UpdateCitizenInput!) {
  updateCitizen(input: $input) {
    citizen {
      id
      version
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateCitizenMutation, UpdateCitizenMutationVariables>;
export const CitizenCandidatesDocument = new TypedDocumentString(`
    query CitizenCandidates($fiscalCode: String, $firstName: String, $lastName: String, $birthDate: Date) {
  citizenCandidates(
    fiscalCode: $fiscalCode
    firstName: $firstName
    lastName: $lastName
    birthDate: $birthDate
  ) {
    id
    firstName
    lastName
    birthDate
    match
    inScope
    residenceMunicipality {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CitizenCandidatesQuery, CitizenCandidatesQueryVariables>;
export const CreateCitizenDocument = new TypedDocumentString(`
    mutation CreateCitizen($input: CreateCitizenInput!) {
  createCitizen(input: $input) {
    citizen {
      id
      firstName
      lastName
    }
    possibleDuplicates {
      id
      firstName
      lastName
      birthDate
      match
      inScope
      residenceMunicipality {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CreateCitizenMutation, CreateCitizenMutationVariables>;
export const MunicipalitySearchDocument = new TypedDocumentString(`
    query MunicipalitySearch($search: String!) {
  municipalities(search: $search) {
    id
    istatCode
    cadastralCode
    name
    province
  }
}
    `) as unknown as TypedDocumentString<MunicipalitySearchQuery, MunicipalitySearchQueryVariables>;
export const ReferralPageDocument = new TypedDocumentString(`
    query ReferralPage($id: ID!) {
  node(id: $id) {
    ... on Referral {
      id
      status
      reason
      version
      proposedAt
      seenAt
      answeredAt
      rejectionReason
      citizen {
        id
        firstName
        lastName
      }
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
      proposedBy {
        id
        displayName
      }
      answeredBy {
        id
        displayName
      }
    }
  }
  viewer {
    id
    roles
    offices {
      id
    }
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ReferralPageQuery, ReferralPageQueryVariables>;
export const MarkReferralSeenDocument = new TypedDocumentString(`
    mutation MarkReferralSeen($input: ReferralAnswerInput!) {
  markReferralSeen(input: $input) {
    referral {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<MarkReferralSeenMutation, MarkReferralSeenMutationVariables>;
export const AcceptReferralDocument = new TypedDocumentString(`
    mutation AcceptReferral($input: ReferralAnswerInput!) {
  acceptReferral(input: $input) {
    referral {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<AcceptReferralMutation, AcceptReferralMutationVariables>;
export const RejectReferralDocument = new TypedDocumentString(`
    mutation RejectReferral($input: RejectReferralInput!) {
  rejectReferral(input: $input) {
    referral {
      id
      status
      version
    }
  }
}
    `) as unknown as TypedDocumentString<RejectReferralMutation, RejectReferralMutationVariables>;
export const ReferralFormDataDocument = new TypedDocumentString(`
    query ReferralFormData($id: ID!) {
  citizen(id: $id) {
    id
    firstName
    lastName
    accesses(first: 10) {
      edges {
        node {
          id
          occurredAt
          office {
            id
            name
          }
        }
      }
    }
    cases(first: 10) {
      edges {
        node {
          id
          openedAt
          status
          userArea {
            code
            labelIt
            labelEn
          }
        }
      }
    }
  }
  viewer {
    id
    offices {
      id
      name
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
  organizations(first: 100) {
    edges {
      node {
        id
        name
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReferralFormDataQuery, ReferralFormDataQueryVariables>;
export const CreateReferralDocument = new TypedDocumentString(`
    mutation CreateReferral($input: CreateReferralInput!) {
  createReferral(input: $input) {
    referral {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<CreateReferralMutation, CreateReferralMutationVariables>;
export const RelationCitizenDocument = new TypedDocumentString(`
    query RelationCitizen($id: ID!) {
  citizen(id: $id) {
    id
    firstName
    lastName
  }
}
    `) as unknown as TypedDocumentString<RelationCitizenQuery, RelationCitizenQueryVariables>;
export const RelatedSearchDocument = new TypedDocumentString(`
    query RelatedSearch($search: String!) {
  citizens(filter: {search: $search}, first: 10) {
    edges {
      node {
        id
        firstName
        lastName
        birthDate
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RelatedSearchQuery, RelatedSearchQueryVariables>;
export const LinkRelationDocument = new TypedDocumentString(`
    mutation LinkRelation($input: LinkRelationInput!) {
  linkRelation(input: $input) {
    relation {
      id
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<LinkRelationMutation, LinkRelationMutationVariables>;
export const MonitoringOptionsDocument = new TypedDocumentString(`
    query MonitoringOptions {
  zones {
    id
    code
    name
  }
  codeLists {
    userAreas {
      code
      labelIt
      labelEn
    }
  }
}
    `) as unknown as TypedDocumentString<MonitoringOptionsQuery, MonitoringOptionsQueryVariables>;
export const MonitoringCoverageDocument = new TypedDocumentString(`
    query MonitoringCoverage($filter: MonitoringFilter!, $days: Int) {
  coverage(filter: $filter, uncoveredAfterDays: $days) {
    uncoveredAfterDays
    byArea {
      area {
        code
        labelIt
        labelEn
      }
      needsExpressed
      people
      answered
      answeredLate
      pending
      uncovered
      suppressed
    }
    uncovered(first: 20) {
      totalCount
      edges {
        node {
          citizen {
            id
            firstName
            lastName
          }
          need {
            code
            labelIt
            labelEn
          }
          area {
            code
            labelIt
            labelEn
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
          expressedAt
          daysWaiting
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MonitoringCoverageQuery, MonitoringCoverageQueryVariables>;
export const MonitoringOverlapsDocument = new TypedDocumentString(`
    query MonitoringOverlaps($filter: MonitoringFilter!, $by: OverlapBy) {
  overlaps(filter: $filter, by: $by) {
    summary {
      zone {
        id
        code
        name
      }
      area {
        code
        labelIt
        labelEn
      }
      interventionType {
        code
        labelIt
        labelEn
      }
      people
      interventions
      amountCents
      suppressed
    }
    items(first: 20) {
      totalCount
      edges {
        node {
          citizen {
            id
            firstName
            lastName
          }
          area {
            code
            labelIt
            labelEn
          }
          interventionType {
            code
            labelIt
            labelEn
          }
          interventions {
            id
            type {
              code
              labelIt
              labelEn
            }
          }
          organizations {
            id
            name
          }
          from
          to
          amountCents
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MonitoringOverlapsQuery, MonitoringOverlapsQueryVariables>;
export const MonitoringStatisticsDocument = new TypedDocumentString(`
    query MonitoringStatistics($filter: StatisticsFilter!, $groupBy: [StatisticsDimension!]!) {
  statistics(filter: $filter, groupBy: $groupBy) {
    suppressionThreshold
    cells {
      zone {
        id
        code
        name
      }
      userArea {
        code
      }
      month
      people
      accesses
      cases
      interventions
      amountCents
      suppressed
    }
    totals {
      people
      accesses
      cases
      interventions
      amountCents
      suppressed
    }
  }
}
    `) as unknown as TypedDocumentString<MonitoringStatisticsQuery, MonitoringStatisticsQueryVariables>;
export const MonitoringStaffingDocument = new TypedDocumentString(`
    query MonitoringStaffing($zoneCode: String) {
  staffing(zoneCode: $zoneCode) {
    zone {
      id
      code
      name
    }
    population
    socialWorkers
    target
    inhabitantsPerSocialWorker
    gap
  }
}
    `) as unknown as TypedDocumentString<MonitoringStaffingQuery, MonitoringStaffingQueryVariables>;