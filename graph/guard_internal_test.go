package graph

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// The Guard of an object is found however gqlgen wraps it in the parent's
// result: node(id:) gives the object, citizens' lists a pointer to a slice
// element, nodes(ids:) a pointer to an interface element.
func TestGuardOfLooksThroughEveryWrapping(t *testing.T) {
	c := &store.Citizen{ID: 42}
	c.Rel = authz.RelCaseTeam
	var asNode model.Node = c
	var typedNil *store.Citizen
	var nilNode model.Node = typedNil
	var noNode model.Node
	cases := []struct {
		name   string
		result any
		want   authz.Rel
		found  bool
	}{
		{"the object (node, citizen)", c, authz.RelCaseTeam, true},
		{"the object as a Node", asNode, authz.RelCaseTeam, true},
		{"a list element ([]*Citizen)", &c, authz.RelCaseTeam, true},
		{"a nodes element ([]Node)", &asNode, authz.RelCaseTeam, true},
		{"a nil object", typedNil, 0, false},
		{"a nodes element holding a nil object", &nilNode, 0, false},
		{"an empty nodes element", &noNode, 0, false},
		{"an object without a guard", &store.Office{}, 0, false},
		{"nothing", nil, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := guardOf(&graphql.FieldContext{Result: tc.result})
			if (g != nil) != tc.found {
				t.Fatalf("guard found = %v, want %v", g != nil, tc.found)
			}
			if g != nil && (g.Rel != tc.want || g.CitizenID != 42) {
				t.Fatalf("guard = %+v, want Rel %v of citizen 42", g, tc.want)
			}
		})
	}
}
