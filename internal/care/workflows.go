package care

import (
	"context"
	"errors"
)

var errTODO = errors.New("not implemented yet")

// RegisterAccess records an access (scheda di accesso) and returns its id.
func (s *Service) RegisterAccess(ctx context.Context, a RegisterAccessArgs) (int64, error) {
	return 0, errTODO
}

// CreateReferral sends a citizen to another office or organization.
func (s *Service) CreateReferral(ctx context.Context, a CreateReferralArgs) (int64, error) {
	return 0, errTODO
}

// AnswerReferral marks a received referral SEEN, ACCEPTED or REJECTED.
func (s *Service) AnswerReferral(ctx context.Context, id int64, version int, status, reason string) error {
	return errTODO
}

// OpenCase takes a citizen into care; the viewer becomes responsible.
func (s *Service) OpenCase(ctx context.Context, a OpenCaseArgs) (int64, error) {
	return 0, errTODO
}

// AddCaseMember adds an operator to a case team.
func (s *Service) AddCaseMember(ctx context.Context, a AddCaseMemberArgs) error {
	return errTODO
}

// ChangeCaseStatus moves a case along an allowed transition.
func (s *Service) ChangeCaseStatus(ctx context.Context, id int64, version int, status, reason string) error {
	return errTODO
}

// CloseCase closes a case with a reason.
func (s *Service) CloseCase(ctx context.Context, id int64, version int, reason, notes string) error {
	return errTODO
}
