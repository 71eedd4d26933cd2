package httpapi

import (
	"context"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// inputField names the input a scalar refused, from the path gqlgen gives
// an argument's error: the field's response path, then the argument and
// the input fields inside it ([citizens filter search] gives
// "filter.search"). A mutation's single "input" argument is left out, so
// the name is a path inside the input as the resolvers' own errors have it
// ([updateCitizen input phone] gives "phone"). It is "" for an error that
// is not about an argument.
func inputField(ctx context.Context, path ast.Path) string {
	var field ast.Path
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		field = fc.Path()
	}
	if len(path) <= len(field) || path[:len(field)].String() != field.String() {
		return ""
	}
	args := path[len(field):]
	if name, ok := args[0].(ast.PathName); ok && name == "input" && len(args) > 1 &&
		isMutation(ctx) {
		args = args[1:]
	}
	parts := make([]string, len(args))
	for i, el := range args {
		switch el := el.(type) {
		case ast.PathName:
			parts[i] = string(el)
		case ast.PathIndex:
			parts[i] = strconv.Itoa(int(el))
		}
	}
	return strings.Join(parts, ".")
}

func isMutation(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Mutation
}
