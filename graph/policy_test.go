package graph_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/siso-project/siso/graph/generated"
	"github.com/siso-project/siso/graph/resolve"
	"github.com/siso-project/siso/internal/authz"
)

// schemaFields lists "Type.field" for every field of every object type of
// the schema, introspection types excluded.
func schemaFields(t *testing.T) []string {
	t.Helper()
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &resolve.Resolver{}}).Schema()
	var out []string
	for name, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			out = append(out, name+"."+f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Every field of the schema has an explicit policy (deny by default: a
// field added without one would be denied to everyone, and this test says
// which one it is).
func TestEveryFieldHasAPolicy(t *testing.T) {
	fields := schemaFields(t)
	if len(fields) < 300 {
		t.Fatalf("only %d fields found: schema not loaded?", len(fields))
	}
	for _, f := range fields {
		typ, field, _ := strings.Cut(f, ".")
		if _, ok := authz.Fields.Lookup(typ, field); !ok {
			t.Errorf("%s has no policy in authz.Fields", f)
		}
	}
}

// The policy table names no field that the schema does not have.
func TestPolicyTableHasNoStaleEntries(t *testing.T) {
	have := map[string]bool{}
	for _, f := range schemaFields(t) {
		have[f] = true
	}
	for _, k := range authz.Fields.Keys() {
		if !have[k] {
			t.Errorf("authz.Fields lists %s, which the schema does not have", k)
		}
	}
}

// Every field that can be denied for a row is nullable, so a denial can
// return null at its path without nulling the parent (DESIGN.md section 3, rule 3).
func TestDeniableFieldsAreNullable(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &resolve.Resolver{}}).Schema()
	for _, k := range authz.Fields.Keys() {
		typ, field, _ := strings.Cut(k, ".")
		rule, _ := authz.Fields.Lookup(typ, field)
		if !rule.Guard {
			continue
		}
		def := schema.Types[typ].Fields.ForName(field)
		if def.Type.NonNull {
			t.Errorf("%s can be denied (policy %s) but is non-null", k, rule.Name)
		}
	}
}
