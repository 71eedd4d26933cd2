package resolve

import (
	"context"
	"strings"

	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/care"
	"github.com/siso-project/siso/internal/relay"
	"github.com/siso-project/siso/internal/store"
)

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// inputID parses a required global id of a mutation input.
func inputID(gid, typ, field string) (int64, error) {
	id, err := relay.ParseAs(gid, typ)
	if err != nil {
		return 0, apperr.BadInput(field, "not a %s id", typ)
	}
	return id, nil
}

func (r *queryResolver) zoneFilter(ctx context.Context, code *string, field string) (int, error) {
	if code == nil {
		return 0, nil
	}
	id, err := r.Store.ZoneIDByCode(ctx, strings.TrimSpace(*code))
	if err != nil {
		return 0, err
	}
	if id == 0 {
		return 0, apperr.BadInput(field, "unknown zone %q", *code)
	}
	return id, nil
}

func citizenFilter(f *model.CitizenFilter, order *model.CitizenOrder) (store.CitizenQuery, error) {
	out := store.CitizenQuery{}
	if order != nil {
		out.Order = string(*order)
	}
	if f == nil {
		return out, nil
	}
	out.Search = strings.TrimSpace(deref(f.Search))
	if len(out.Search) > 100 {
		return out, apperr.BadInput("filter.search", "search terms are at most 100 characters")
	}
	if out.Order == "RELEVANCE" && out.Search == "" {
		return out, apperr.BadInput("orderBy", "RELEVANCE needs filter.search")
	}
	if f.FiscalCode != nil {
		out.FiscalCode = strings.ToUpper(strings.TrimSpace(*f.FiscalCode))
		if len(out.FiscalCode) != 16 {
			return out, apperr.BadInput("filter.fiscalCode", "a codice fiscale has 16 characters")
		}
	}
	out.MunicipalityIstatCode = strings.TrimSpace(deref(f.MunicipalityIstatCode))
	out.ZoneCode = strings.TrimSpace(deref(f.ZoneCode))
	if f.AgeBand != nil {
		out.AgeBand = string(*f.AgeBand)
	}
	return out, nil
}

func (r *queryResolver) accessFilter(ctx context.Context, f *model.AccessFilter) (store.AccessQuery, error) {
	var out store.AccessQuery
	if f == nil {
		return out, nil
	}
	var err error
	if out.CitizenID, err = optionalID(f.CitizenID, "Citizen", "filter.citizenId"); err != nil {
		return out, err
	}
	if out.OfficeID, err = optionalID(f.OfficeID, "Office", "filter.officeId"); err != nil {
		return out, err
	}
	if out.OperatorID, err = optionalID(f.OperatorID, "Operator", "filter.operatorId"); err != nil {
		return out, err
	}
	if out.ZoneID, err = r.zoneFilter(ctx, f.ZoneCode, "filter.zoneCode"); err != nil {
		return out, err
	}
	out.From, out.To = f.From, f.To
	if out.From != nil && out.To != nil && out.To.Before(*out.From) {
		return out, apperr.BadInput("filter.to", "to is before from")
	}
	return out, nil
}

func (r *queryResolver) caseFilter(ctx context.Context, v *authz.Viewer, f *model.CaseFilter) (store.CaseQuery, error) {
	var out store.CaseQuery
	if f == nil {
		return out, nil
	}
	var err error
	if out.CitizenID, err = optionalID(f.CitizenID, "Citizen", "filter.citizenId"); err != nil {
		return out, err
	}
	if out.ZoneID, err = r.zoneFilter(ctx, f.ZoneCode, "filter.zoneCode"); err != nil {
		return out, err
	}
	for _, s := range f.Status {
		out.Statuses = append(out.Statuses, string(s))
	}
	if deref(f.Mine) {
		out.MemberOperatorID = v.OperatorID
		if v.IsClient() {
			out.MemberOperatorID = -1 // an API client is on no team
		}
	}
	return out, nil
}

func (r *queryResolver) interventionFilter(ctx context.Context, f *model.InterventionFilter) (store.InterventionQuery, error) {
	var out store.InterventionQuery
	if f == nil {
		return out, nil
	}
	var err error
	if out.CitizenID, err = optionalID(f.CitizenID, "Citizen", "filter.citizenId"); err != nil {
		return out, err
	}
	if out.ProviderID, err = optionalID(f.ProviderID, "Organization", "filter.providerId"); err != nil {
		return out, err
	}
	if out.ZoneID, err = r.zoneFilter(ctx, f.ZoneCode, "filter.zoneCode"); err != nil {
		return out, err
	}
	for _, s := range f.Status {
		out.Statuses = append(out.Statuses, string(s))
	}
	return out, nil
}

func referralFilter(f *model.ReferralFilter) (store.ReferralQuery, error) {
	var out store.ReferralQuery
	if f == nil {
		return out, nil
	}
	var err error
	if out.CitizenID, err = optionalID(f.CitizenID, "Citizen", "filter.citizenId"); err != nil {
		return out, err
	}
	for _, s := range f.Status {
		out.Statuses = append(out.Statuses, string(s))
	}
	if f.Direction != nil {
		out.Direction = string(*f.Direction)
	}
	return out, nil
}

func addressArgs(a *model.AddressInput) *care.AddressArgs {
	if a == nil {
		return nil
	}
	return &care.AddressArgs{MunicipalityIstatCode: a.MunicipalityIstatCode, Address: a.Address, Postcode: a.Postcode}
}

func createCitizenArgs(in model.CreateCitizenInput) care.CreateCitizenArgs {
	out := care.CreateCitizenArgs{
		FiscalCode: in.FiscalCode, NoFiscalCode: deref(in.NoFiscalCode), FirstName: in.FirstName, LastName: in.LastName,
		BirthDate: in.BirthDate, BirthPlaceCode: in.BirthPlaceCode, Citizenship: in.Citizenship,
		Residence: addressArgs(in.Residence), Domicile: addressArgs(in.Domicile), Phone: in.Phone, Email: in.Email,
		Homeless: deref(in.Homeless), Language: in.Language, ProtectedAddress: deref(in.ProtectedAddress),
	}
	if in.Sex != nil {
		s := string(*in.Sex)
		out.Sex = &s
	}
	return out
}

func updateCitizenArgs(in model.UpdateCitizenInput) (care.UpdateCitizenArgs, error) {
	id, err := inputID(in.ID, "Citizen", "id")
	if err != nil {
		return care.UpdateCitizenArgs{}, err
	}
	return care.UpdateCitizenArgs{
		ID: id, Version: in.Version, FirstName: in.FirstName, LastName: in.LastName, Citizenship: in.Citizenship,
		Residence: addressArgs(in.Residence), Domicile: addressArgs(in.Domicile), Phone: in.Phone, Email: in.Email,
		Homeless: in.Homeless, Language: in.Language, ProtectedAddress: in.ProtectedAddress,
	}, nil
}

func linkRelationArgs(in model.LinkRelationInput) (care.LinkRelationArgs, error) {
	a, err := inputID(in.CitizenID, "Citizen", "citizenId")
	if err != nil {
		return care.LinkRelationArgs{}, err
	}
	b, err := inputID(in.RelatedCitizenID, "Citizen", "relatedCitizenId")
	if err != nil {
		return care.LinkRelationArgs{}, err
	}
	return care.LinkRelationArgs{CitizenID: a, RelatedCitizenID: b, Kind: string(in.Kind),
		Cohabiting: deref(in.Cohabiting), ValidFrom: in.ValidFrom}, nil
}

func registerAccessArgs(in model.RegisterAccessInput) (care.RegisterAccessArgs, error) {
	out := care.RegisterAccessArgs{Anonymous: deref(in.Anonymous), CitizenFiscalCode: deref(in.CitizenFiscalCode), Channel: string(in.Channel), Outcome: in.Outcome,
		Notes: in.Notes, RequestedServices: in.RequestedServices, IdempotencyKey: in.IdempotencyKey, OccurredAt: in.OccurredAt}
	var err error
	if in.CitizenID != nil {
		if out.CitizenID, err = inputID(*in.CitizenID, "Citizen", "citizenId"); err != nil {
			return out, err
		}
	}
	if out.OfficeID, err = inputID(in.OfficeID, "Office", "officeId"); err != nil {
		return out, err
	}
	if in.Speaker != nil {
		out.Speaker = &care.SpeakerArgs{Kind: string(in.Speaker.Kind), Name: in.Speaker.Name,
			Contact: in.Speaker.Contact, Relation: in.Speaker.Relation}
	}
	for _, n := range in.Needs {
		out.Needs = append(out.Needs, care.NeedArgs{Code: n.Code, Notes: n.Notes})
	}
	return out, nil
}

func createReferralArgs(in model.CreateReferralInput) (care.CreateReferralArgs, error) {
	out := care.CreateReferralArgs{Reason: in.Reason, IdempotencyKey: in.IdempotencyKey}
	var err error
	if out.CitizenID, err = inputID(in.CitizenID, "Citizen", "citizenId"); err != nil {
		return out, err
	}
	if out.FromOfficeID, err = inputID(in.FromOfficeID, "Office", "fromOfficeId"); err != nil {
		return out, err
	}
	if out.ToOfficeID, err = optionalID(in.ToOfficeID, "Office", "toOfficeId"); err != nil {
		return out, err
	}
	if out.ToOrganizationID, err = optionalID(in.ToOrganizationID, "Organization", "toOrganizationId"); err != nil {
		return out, err
	}
	if out.AccessID, err = optionalID(in.AccessID, "Access", "accessId"); err != nil {
		return out, err
	}
	if out.CaseID, err = optionalID(in.CaseID, "Case", "caseId"); err != nil {
		return out, err
	}
	return out, nil
}

func openCaseArgs(in model.OpenCaseInput) (care.OpenCaseArgs, error) {
	out := care.OpenCaseArgs{UserArea: in.UserArea, Summary: in.Summary, IdempotencyKey: in.IdempotencyKey}
	var err error
	if out.CitizenID, err = inputID(in.CitizenID, "Citizen", "citizenId"); err != nil {
		return out, err
	}
	if out.OfficeID, err = inputID(in.OfficeID, "Office", "officeId"); err != nil {
		return out, err
	}
	if out.SourceAccessID, err = optionalID(in.SourceAccessID, "Access", "sourceAccessId"); err != nil {
		return out, err
	}
	if out.SourceReferralID, err = optionalID(in.SourceReferralID, "Referral", "sourceReferralId"); err != nil {
		return out, err
	}
	return out, nil
}

func addCaseMemberArgs(in model.AddCaseMemberInput) (care.AddCaseMemberArgs, error) {
	out := care.AddCaseMemberArgs{Version: in.Version, Role: string(in.Role), ValidFrom: in.ValidFrom}
	var err error
	if out.CaseID, err = lookupID(in.CaseID, "Case"); err != nil {
		return out, err
	}
	if out.OperatorID, err = inputID(in.OperatorID, "Operator", "operatorId"); err != nil {
		return out, err
	}
	return out, nil
}

func (r *mutationResolver) referralPayload(ctx context.Context, id int64) (*model.ReferralPayload, error) {
	ref, err := mustLoad(ctx, ld(ctx).Referral, id, "Referral")
	if err != nil {
		return nil, err
	}
	return &model.ReferralPayload{Referral: ref}, nil
}

func (r *mutationResolver) casePayload(ctx context.Context, id int64) (*model.CasePayload, error) {
	k, err := mustLoad(ctx, ld(ctx).Case, id, "Case")
	if err != nil {
		return nil, err
	}
	return &model.CasePayload{Case: k}, nil
}

func (r *mutationResolver) interventionPayload(ctx context.Context, id int64) (*model.InterventionPayload, error) {
	iv, err := mustLoad(ctx, ld(ctx).Intervention, id, "Intervention")
	if err != nil {
		return nil, err
	}
	return &model.InterventionPayload{Intervention: iv}, nil
}

// possibleDuplicates lists the people registered before with the same birth
// date and a similar last name as c (the lookup is audited as a search).
func (r *mutationResolver) possibleDuplicates(ctx context.Context, c *store.Citizen) ([]*store.Candidate, error) {
	out := []*store.Candidate{}
	if c.BirthDate == nil {
		return out, nil
	}
	cands, err := r.Store.Candidates(ctx, authz.ViewerFrom(ctx), "", c.LastName, c.BirthDate)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, x := range cands {
		if x.ID != c.ID {
			out = append(out, x)
			ids = append(ids, x.ID)
		}
	}
	if rec := audit.RecorderFrom(ctx); rec != nil && len(ids) > 0 {
		rec.Search(map[string]any{"duplicatesOf": map[string]any{"lastName": c.LastName, "birthDate": c.BirthDate}}, ids)
	}
	return out, nil
}
