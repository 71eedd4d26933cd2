package audit

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
)

// Recorder collects the audit events of one request. It is safe for
// concurrent use (resolvers run concurrently). Every event it makes carries
// the request's actor, request id and operation name.
//
// Reads are deduplicated: one READ event per citizen per batch, carrying the
// union of the tiers read (in canonical order), the first zone given and,
// when any of the reads was under an emergency access, emergency = true and
// the emergency reason. Other events are kept one by one, in the order they
// were recorded; a citizen's READ event keeps the place of its first read.
//
// The events are appended with Flush (or Take and Log.Append): the request
// appends them before its response leaves the server (and returns no
// personal data when that fails); a mutation appends its write events with
// TakeWrites in the transaction of the write. Events carry no time of their
// own: Log.Append stamps them with its clock.
type Recorder struct {
	mu        sync.Mutex
	actor     Actor
	requestID string
	operation string
	events    []Event
	reads     map[int64]int // citizen id → index in events of its READ event
}

// NewRecorder returns a recorder for one request of actor.
func NewRecorder(actor Actor, requestID string) *Recorder {
	return &Recorder{actor: actor, requestID: requestID, reads: map[int64]int{}}
}

// Actor returns the actor given to NewRecorder.
func (r *Recorder) Actor() Actor { return r.actor }

// RequestID returns the request id given to NewRecorder.
func (r *Recorder) RequestID() string { return r.requestID }

// SetOperation names the GraphQL operation; it applies to every event the
// recorder returns that has no operation name of its own, including events
// recorded before the call.
func (r *Recorder) SetOperation(name string) {
	r.mu.Lock()
	r.operation = name
	r.mu.Unlock()
}

// Read records that the response carries personal data of the citizen in
// the given tiers (IDENTITY, CONTACT, SOCIAL, SENSITIVE). The non-personal
// tiers of authz (PUBLIC, STRUCTURE, SELF, REFERENCE, DIRECTORY, AGGREGATE,
// AUDIT, RESTRICTED) are ignored, so a field middleware can pass every
// field's tier; a call left with no tier records nothing. An unknown tier is
// kept, and Log.Append then refuses the batch (fail closed: a new tier of
// authz must be added here and, if personal, to audit_event's CHECK). citizenID 0 (an anonymous access)
// records nothing.
func (r *Recorder) Read(citizenID int64, zoneID int, tiers ...string) {
	r.read(citizenID, zoneID, false, "", tiers)
}

// ReadEmergency is Read under an emergency access ("break the glass"): the
// READ event is flagged emergency and carries the emergency reason.
func (r *Recorder) ReadEmergency(citizenID int64, zoneID int, reason string, tiers ...string) {
	r.read(citizenID, zoneID, true, reason, tiers)
}

func (r *Recorder) read(citizenID int64, zoneID int, emergency bool, reason string, tiers []string) {
	if citizenID == 0 {
		return
	}
	// The field middleware calls this for every field of a response with
	// one tier: the common case, a tier already recorded for the citizen,
	// changes nothing and allocates nothing.
	if len(tiers) == 1 && !emergency && zoneID == 0 {
		if slices.Contains(nonPersonalTiers, tiers[0]) {
			return
		}
		r.mu.Lock()
		if i, ok := r.reads[citizenID]; ok && slices.Contains(r.events[i].Tiers, tiers[0]) {
			r.mu.Unlock()
			return
		}
		r.mu.Unlock()
	}
	personal := make([]string, 0, len(tiers))
	for _, t := range tiers {
		if !slices.Contains(nonPersonalTiers, t) {
			personal = append(personal, t)
		}
	}
	if citizenID == 0 || len(personal) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.readLocked(citizenID, zoneID, emergency, reason, personal)
}

func (r *Recorder) readLocked(citizenID int64, zoneID int, emergency bool, reason string, tiers []string) {
	i, ok := r.reads[citizenID]
	if !ok {
		r.events = append(r.events, r.event(Event{Action: ActionRead, CitizenID: citizenID}))
		i = len(r.events) - 1
		r.reads[citizenID] = i
	}
	e := &r.events[i]
	e.Tiers = normalizeTiers(append(e.Tiers, tiers...))
	if e.ZoneID == 0 {
		e.ZoneID = zoneID
	}
	if emergency {
		e.Emergency = true
		if e.Reason == "" {
			e.Reason = reason
		}
	}
}

// Search records a search: one SEARCH event whose search_shape is
// Shape(filter) (the raw filter goes in; only its shape is stored), and one
// READ event with tier IDENTITY for each citizen in the results returned
// (a hit tells that the person matched terms about their identity). The
// caller still calls Read for the further tiers the results carry; those
// merge into the same READ events. Pass the citizens of the page returned,
// not every match.
func (r *Recorder) Search(filter any, resultCitizenIDs []int64) {
	shape := Shape(filter)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, r.event(Event{Action: ActionSearch, SearchShape: shape}))
	for _, id := range resultCitizenIDs {
		if id != 0 {
			r.readLocked(id, 0, false, "", []string{TierIdentity})
		}
	}
}

// Write records a write: action is CREATE, UPDATE or DELETE (or any other
// action); before and after are the object before and after it (nil when
// there is none), encoded to JSON at once, so later changes to the values do
// not change the record. A value that cannot be encoded makes Log.Append
// fail. citizenID 0 means no citizen.
func (r *Recorder) Write(action Action, objectType string, objectID, citizenID int64, before, after any) {
	r.Add(Event{Action: action, ObjectType: objectType, ObjectID: objectID, CitizenID: citizenID,
		Before: snapshot(before), After: snapshot(after)})
}

// Emergency records the declaration of an emergency access (the row of
// emergency_access with id emergencyAccessID) with its reason.
func (r *Recorder) Emergency(emergencyAccessID, citizenID int64, zoneID int, reason string) {
	r.Add(Event{Action: ActionEmergency, ObjectType: "EmergencyAccess", ObjectID: emergencyAccessID,
		CitizenID: citizenID, ZoneID: zoneID, Reason: reason, Emergency: true})
}

// Grant records a grant of access to a case file (the row of case_grant
// with id grantID) with its reason.
func (r *Recorder) Grant(grantID, citizenID int64, zoneID int, reason string) {
	r.Add(Event{Action: ActionGrant, ObjectType: "CaseGrant", ObjectID: grantID, CitizenID: citizenID,
		ZoneID: zoneID, Reason: reason})
}

// Revoke records the revocation of a grant.
func (r *Recorder) Revoke(grantID, citizenID int64, zoneID int, reason string) {
	r.Add(Event{Action: ActionRevoke, ObjectType: "CaseGrant", ObjectID: grantID, CitizenID: citizenID,
		ZoneID: zoneID, Reason: reason})
}

// Add records any other event (SIGN_IN, EXPORT, ADMIN...). The actor,
// request id and (when empty) operation name are the recorder's. An
// ActionRead event goes through the READ deduplication.
func (r *Recorder) Add(e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Action == ActionRead && e.CitizenID != 0 && e.Before == nil && e.After == nil && e.ObjectType == "" {
		r.readLocked(e.CitizenID, e.ZoneID, e.Emergency, e.Reason, e.Tiers)
		return
	}
	r.events = append(r.events, r.event(e))
}

// event stamps e with the recorder's actor and request.
func (r *Recorder) event(e Event) Event {
	e.ActorOperatorID = r.actor.OperatorID
	e.ActorAPIClientID = r.actor.APIClientID
	e.ActorLabel = r.actor.Label
	e.SessionKind = r.actor.Kind
	e.RequestID = r.requestID
	return e
}

// Len returns the number of events pending.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

// Events returns a copy of the pending events.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.copyLocked(r.events)
}

// Take returns the pending events and forgets them: a later read of the
// same citizen makes a new READ event.
func (r *Recorder) Take() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.copyLocked(r.events)
	r.events = nil
	clear(r.reads)
	return out
}

// TakeWrites returns the pending events other than READ and SEARCH and
// forgets them, for a mutation to append them in its own transaction; the
// reads stay pending for the end of the request.
func (r *Recorder) TakeWrites() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var taken, kept []Event
	for _, e := range r.events {
		if e.Action == ActionRead || e.Action == ActionSearch {
			kept = append(kept, e)
		} else {
			taken = append(taken, e)
		}
	}
	r.events = kept
	clear(r.reads)
	for i, e := range kept {
		if e.Action == ActionRead && e.CitizenID != 0 {
			if _, dup := r.reads[e.CitizenID]; !dup {
				r.reads[e.CitizenID] = i
			}
		}
	}
	return r.copyLocked(taken)
}

// Flush appends the pending events with log and forgets them. When the
// append fails the events stay pending (ahead of any recorded meanwhile)
// and the error is returned: the caller must then not return the personal
// data the events describe.
func (r *Recorder) Flush(ctx context.Context, log *Log) error {
	events := r.Take()
	if len(events) == 0 {
		return nil
	}
	if err := log.Append(ctx, events); err != nil {
		r.mu.Lock()
		later := r.events
		r.events = append(events, later...)
		clear(r.reads)
		for i, e := range r.events {
			if e.Action == ActionRead && e.CitizenID != 0 {
				if _, dup := r.reads[e.CitizenID]; !dup {
					r.reads[e.CitizenID] = i
				}
			}
		}
		r.mu.Unlock()
		return err
	}
	return nil
}

func (r *Recorder) copyLocked(events []Event) []Event {
	out := make([]Event, len(events))
	for i, e := range events {
		e.Tiers = slices.Clone(e.Tiers)
		if e.OperationName == "" {
			e.OperationName = r.operation
		}
		out[i] = e
	}
	return out
}

// snapshot encodes v to JSON now; a value that cannot be encoded becomes
// one whose encoding fails, so that Append fails.
func snapshot(v any) any {
	if v == nil {
		return nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		return badJSON{err}
	}
	return json.RawMessage(b)
}

type badJSON struct{ err error }

func (b badJSON) MarshalJSON() ([]byte, error) { return nil, b.err }
