// Package audit is SISO's audit trail (DESIGN.md section 4): the events of
// a request are collected by a Recorder and appended by Log.Append to the
// append-only, hash-chained table audit_event (migrations/0003_audit.sql)
// before the response leaves the server; writes are appended in the
// transaction of the write. The package also answers the data-protection
// officer (FindCitizen, Trail, EmergencyAccesses), verifies the chain
// (Verify), exports a citizen's whole record (Export, GDPR art. 15) and
// pseudonymizes citizens past the retention period (Pseudonymize).
//
// The hash chain and its canonical serialization are specified in
// canonical.go.
//
// Zero values stand for SQL NULL in Event and Entry: an id of 0, a zone of 0
// and an empty operation name, object type or reason are stored as NULL.
package audit

import (
	"slices"
	"time"
)

// Action is what an event records.
type Action string

// The actions of audit_event.action.
const (
	ActionRead         Action = "READ"
	ActionSearch       Action = "SEARCH"
	ActionCreate       Action = "CREATE"
	ActionUpdate       Action = "UPDATE"
	ActionDelete       Action = "DELETE"
	ActionGrant        Action = "GRANT"
	ActionRevoke       Action = "REVOKE"
	ActionEmergency    Action = "EMERGENCY"
	ActionExport       Action = "EXPORT"
	ActionSignIn       Action = "SIGN_IN"
	ActionSignOut      Action = "SIGN_OUT"
	ActionSignInFailed Action = "SIGN_IN_FAILED"
	ActionAdmin        Action = "ADMIN"
	ActionPseudonymize Action = "PSEUDONYMIZE"
)

// Actions lists every action.
var Actions = []Action{ActionRead, ActionSearch, ActionCreate, ActionUpdate, ActionDelete, ActionGrant,
	ActionRevoke, ActionEmergency, ActionExport, ActionSignIn, ActionSignOut, ActionSignInFailed, ActionAdmin,
	ActionPseudonymize}

// SessionKind says how the actor was authenticated.
type SessionKind string

// The session kinds of audit_event.session_kind.
const (
	KindSession   SessionKind = "SESSION"    // an operator's browser session
	KindAPIClient SessionKind = "API_CLIENT" // a partner agency's API client
	KindSystem    SessionKind = "SYSTEM"     // a command such as the retention job
)

// The personal-data tiers an event can name (DESIGN.md section 3), in their
// canonical order.
const (
	TierIdentity  = "IDENTITY"
	TierContact   = "CONTACT"
	TierSocial    = "SOCIAL"
	TierSensitive = "SENSITIVE"
)

// Tiers lists the personal-data tiers in canonical order.
var Tiers = []string{TierIdentity, TierContact, TierSocial, TierSensitive}

// nonPersonalTiers are the other tiers of authz.Tier: reading them is not
// a read of personal data, so Recorder.Read ignores them.
var nonPersonalTiers = []string{"PUBLIC", "STRUCTURE", "SELF", "REFERENCE", "DIRECTORY", "AGGREGATE", "AUDIT", "RESTRICTED"}

// Actor is who acts: an operator in a session, an API client, or the
// system. Label is the username or client name, kept in every event even
// if the operator is later pseudonymized.
type Actor struct {
	OperatorID  int64 // 0 for API clients and the system
	APIClientID int64 // 0 unless Kind is KindAPIClient
	Label       string
	Kind        SessionKind
}

// SystemActor is the actor of a command run by the system, e.g.
// SystemActor("retention").
func SystemActor(label string) Actor { return Actor{Label: label, Kind: KindSystem} }

// Event is one audit record as written (the columns of audit_event except
// id, prev_hash and hash).
type Event struct {
	// At is when it happened; Append uses its clock when zero. It is stored
	// truncated to the microsecond.
	At               time.Time
	ActorOperatorID  int64
	ActorAPIClientID int64
	ActorLabel       string
	SessionKind      SessionKind
	RequestID        string
	OperationName    string
	Action           Action
	CitizenID        int64
	ZoneID           int
	ObjectType       string
	ObjectID         int64
	// Tiers are the personal-data tiers read (READ) or touched; stored
	// deduplicated in the order of Tiers.
	Tiers []string
	// Reason is the emergency reason, the grant reason or the reason of a
	// system action.
	Reason    string
	Emergency bool
	// SearchShape is the shape of a SEARCH's filter (see Shape); never the
	// search terms themselves.
	SearchShape map[string]any
	// Before and After are the object before and after a write: any value
	// that encodes to JSON (json.RawMessage is taken as is); nil is NULL.
	Before, After any
}

// normalizeTiers returns tiers deduplicated, the known tiers first in
// canonical order and any unknown ones after them, sorted (Append refuses
// those).
func normalizeTiers(tiers []string) []string {
	out := make([]string, 0, len(tiers))
	for _, t := range Tiers {
		if slices.Contains(tiers, t) {
			out = append(out, t)
		}
	}
	var unknown []string
	for _, t := range tiers {
		if !slices.Contains(Tiers, t) && !slices.Contains(unknown, t) {
			unknown = append(unknown, t)
		}
	}
	slices.Sort(unknown)
	return append(out, unknown...)
}

func validAction(a Action) bool { return slices.Contains(Actions, a) }

func validKind(k SessionKind) bool {
	return k == KindSession || k == KindAPIClient || k == KindSystem
}
