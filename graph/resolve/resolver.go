// Package resolve holds the GraphQL resolvers. They are thin: they parse
// arguments, ask the request's dataloaders or the services for rows that
// are already scoped to the viewer, and shape the answer. Field-level
// permissions are applied by graph.FieldPolicy before any resolver runs.
package resolve

import (
	"github.com/siso-project/siso/internal/apiclient"
	"github.com/siso-project/siso/internal/care"
	"github.com/siso-project/siso/internal/store"
)

// Resolver is the root resolver; it holds no per-request state.
type Resolver struct {
	Store   *store.Store
	Care    *care.Service
	Auth    Authenticator
	Clients *apiclient.Service
}
