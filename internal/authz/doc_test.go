package authz_test

import (
	"os"
	"testing"

	"github.com/siso-project/siso/internal/authz"
)

// The committed matrix is the one the code generates.
func TestAuthorizationDocumentIsCurrent(t *testing.T) {
	want := authz.Document(authz.Fields)
	got, err := os.ReadFile("../../docs/authorization.md")
	if err != nil {
		t.Fatalf("read docs/authorization.md: %v (run `make generate`)", err)
	}
	if string(got) != want {
		t.Fatal("docs/authorization.md is stale: run `make generate` and commit it")
	}
}
