package limits

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// ceiling is where every count saturates: far above any valid limit (see
// maxSetting), so a saturated count is always refused, and small enough
// never to overflow an int.
const ceiling = math.MaxInt32

// Analysis is the static measure of one operation; see the package
// documentation for the cost model.
type Analysis struct {
	// Cost is the static cost of the operation.
	Cost int
	// Depth is the deepest nesting of field selections, fragments expanded
	// (fields of the introspection types do not count).
	Depth int
	// Aliases counts the fields whose alias differs from their name,
	// fragments expanded.
	Aliases int
	// RootFields counts the distinct response keys at the top of the
	// operation, fragments expanded.
	RootFields int
}

// Analyze measures op, an operation of doc, with the given (coerced)
// variable values. doc must have been validated by gqlparser against the
// schema, as gqlgen does before any extension sees it: the validator attaches
// to every field its definition, which Analyze reads to find paging
// arguments, list types and introspection types. Zero fields of cfg mean
// their defaults. Analyze executes nothing and its running time is linear in
// the size of the document (each fragment is measured once).
func Analyze(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, cfg Config) Analysis {
	if op == nil {
		return Analysis{}
	}
	a := &analyzer{
		doc:    doc,
		vars:   vars,
		cfg:    cfg.withDefaults(),
		memo:   map[string]measure{},
		active: map[string]bool{},
	}
	m := a.selectionSet(op.SelectionSet)
	keys := map[string]struct{}{}
	a.rootKeys(op.SelectionSet, keys, map[string]bool{})
	return Analysis{Cost: m.cost, Depth: m.depth, Aliases: m.aliases, RootFields: len(keys)}
}

// measure is the cost, depth and alias count of a selection set.
type measure struct{ cost, depth, aliases int }

type analyzer struct {
	doc  *ast.QueryDocument
	vars map[string]any
	cfg  Config
	// memo holds the measure of each fragment already walked: it depends
	// only on the fragment and the variables, not on where it is spread.
	memo map[string]measure
	// active holds the fragments being walked (a guard against cycles,
	// which validation already rejects).
	active map[string]bool
}

func (a *analyzer) selectionSet(ss ast.SelectionSet) measure {
	var m measure
	for _, sel := range ss {
		var s measure
		switch sel := sel.(type) {
		case *ast.Field:
			if a.skipped(sel.Directives) {
				continue
			}
			s = a.field(sel)
		case *ast.InlineFragment:
			if a.skipped(sel.Directives) {
				continue
			}
			s = a.selectionSet(sel.SelectionSet)
		case *ast.FragmentSpread:
			if a.skipped(sel.Directives) {
				continue
			}
			s = a.fragment(sel)
		}
		m.cost = add(m.cost, s.cost)
		m.aliases = add(m.aliases, s.aliases)
		m.depth = max(m.depth, s.depth)
	}
	return m
}

func (a *analyzer) field(f *ast.Field) measure {
	children := a.selectionSet(f.SelectionSet)
	m := measure{
		cost:    add(1, mul(a.factor(f), children.cost)),
		depth:   children.depth,
		aliases: children.aliases,
	}
	if !isIntrospectionType(f.ObjectDefinition) {
		m.depth = add(m.depth, 1)
	}
	if f.Alias != "" && f.Alias != f.Name {
		m.aliases = add(m.aliases, 1)
	}
	return m
}

func (a *analyzer) fragment(sp *ast.FragmentSpread) measure {
	if m, ok := a.memo[sp.Name]; ok {
		return m
	}
	if a.active[sp.Name] {
		return measure{}
	}
	def := sp.Definition
	if def == nil && a.doc != nil {
		def = a.doc.Fragments.ForName(sp.Name)
	}
	if def == nil {
		return measure{}
	}
	a.active[sp.Name] = true
	m := a.selectionSet(def.SelectionSet)
	delete(a.active, sp.Name)
	a.memo[sp.Name] = m
	return m
}

// factor is the number by which f multiplies the cost of its sub-tree.
func (a *analyzer) factor(f *ast.Field) int {
	def := f.Definition
	if def == nil || isIntrospectionType(f.ObjectDefinition) {
		return 1
	}
	if def.Arguments.ForName("first") != nil || def.Arguments.ForName("last") != nil {
		n := 0
		for _, name := range []string{"first", "last"} {
			if v, ok := a.intArg(f, name); ok && v > n {
				n = v
			}
		}
		if n < 1 {
			// Omitted, null, or a value below 1 that the resolvers refuse.
			n = a.cfg.DefaultListSize
		}
		return min(n, ceiling)
	}
	if def.Type == nil || def.Type.Elem == nil {
		return 1
	}
	if def.Arguments.ForName("ids") != nil {
		if n, ok := a.listLen(f, "ids"); ok {
			return n
		}
		return a.cfg.PlainListSize
	}
	if isConnection(f.ObjectDefinition) {
		return 1
	}
	return a.cfg.PlainListSize
}

// argValue returns the value of f's argument name: given as a literal or a
// variable, or else the default of its definition.
func (a *analyzer) argValue(f *ast.Field, name string) any {
	var v *ast.Value
	if arg := f.Arguments.ForName(name); arg != nil {
		v = arg.Value
	} else if f.Definition != nil {
		if d := f.Definition.Arguments.ForName(name); d != nil {
			v = d.DefaultValue
		}
	}
	if v == nil {
		return nil
	}
	val, err := v.Value(a.vars)
	if err != nil {
		return nil
	}
	return val
}

func (a *analyzer) intArg(f *ast.Field, name string) (int, bool) {
	return toInt(a.argValue(f, name))
}

// listLen is the length of f's list argument name; a single value given
// where a list is expected (list input coercion) has length 1.
func (a *analyzer) listLen(f *ast.Field, name string) (int, bool) {
	v := a.argValue(f, name)
	if v == nil {
		return 0, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return min(rv.Len(), ceiling), true
	default:
		return 1, true
	}
}

// skipped reports whether @skip or @include exclude a selection.
func (a *analyzer) skipped(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil {
		if b, ok := a.boolArg(d); ok && b {
			return true
		}
	}
	if d := dirs.ForName("include"); d != nil {
		if b, ok := a.boolArg(d); ok && !b {
			return true
		}
	}
	return false
}

func (a *analyzer) boolArg(d *ast.Directive) (bool, bool) {
	arg := d.Arguments.ForName("if")
	if arg == nil || arg.Value == nil {
		return false, false
	}
	v, err := arg.Value.Value(a.vars)
	if err != nil {
		return false, false
	}
	b, ok := v.(bool)
	return b, ok
}

// rootKeys collects the response keys of the root selection set.
func (a *analyzer) rootKeys(ss ast.SelectionSet, keys map[string]struct{}, seen map[string]bool) {
	for _, sel := range ss {
		switch sel := sel.(type) {
		case *ast.Field:
			if a.skipped(sel.Directives) {
				continue
			}
			key := sel.Alias
			if key == "" {
				key = sel.Name
			}
			keys[key] = struct{}{}
		case *ast.InlineFragment:
			if !a.skipped(sel.Directives) {
				a.rootKeys(sel.SelectionSet, keys, seen)
			}
		case *ast.FragmentSpread:
			if a.skipped(sel.Directives) || seen[sel.Name] {
				continue
			}
			seen[sel.Name] = true
			def := sel.Definition
			if def == nil && a.doc != nil {
				def = a.doc.Fragments.ForName(sel.Name)
			}
			if def != nil {
				a.rootKeys(def.SelectionSet, keys, seen)
			}
		}
	}
}

// isIntrospectionType reports whether def is one of the introspection types
// (__Schema, __Type, __Field, ...).
func isIntrospectionType(def *ast.Definition) bool {
	return def != nil && strings.HasPrefix(def.Name, "__")
}

// isConnection reports whether def is a Relay connection type.
func isConnection(def *ast.Definition) bool {
	return def != nil && def.Fields.ForName("pageInfo") != nil
}

// toInt converts a literal or decoded variable value to an int.
func toInt(v any) (int, bool) {
	var f float64
	switch v := v.(type) {
	case int:
		return clampInt(int64(v)), true
	case int32:
		return clampInt(int64(v)), true
	case int64:
		return clampInt(v), true
	case float64:
		f = v
	case float32:
		f = float64(v)
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return clampInt(n), true
		}
		var err error
		if f, err = v.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || f != math.Trunc(f) {
		return 0, false
	}
	switch {
	case f > ceiling:
		return ceiling, true
	case f < -ceiling:
		return -ceiling, true
	}
	return int(f), true
}

func clampInt(n int64) int {
	switch {
	case n > ceiling:
		return ceiling
	case n < -ceiling:
		return -ceiling
	}
	return int(n)
}

// add and mul saturate at ceiling; their arguments are in [0, ceiling].
func add(a, b int) int {
	if a > ceiling-b {
		return ceiling
	}
	return a + b
}

func mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > ceiling/b {
		return ceiling
	}
	return a * b
}
