package graph_test

import (
	"strings"
	"testing"

	"github.com/siso-project/siso/graph/generated"
	"github.com/siso-project/siso/graph/resolve"
)

// The schema is a public contract for partner agencies: every type, field,
// argument, input field and enum value says what it is.
func TestEverythingInTheSchemaIsDescribed(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &resolve.Resolver{}}).Schema()
	for name, def := range schema.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("%s.%s has no description", name, f.Name)
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}
