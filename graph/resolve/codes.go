package resolve

import (
	"context"

	"github.com/siso-project/siso/internal/store"
)

// codeLists returns the request's code lists (read once per request).
func codeLists(ctx context.Context) (*store.CodeLists, error) {
	ref, err := ld(ctx).Reference(ctx)
	if err != nil {
		return nil, err
	}
	return ref.CodeLists, nil
}

func userArea(ctx context.Context, code string) (*store.UserArea, error) {
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range cl.UserAreas {
		if a.Code == code {
			return a, nil
		}
	}
	return nil, nil
}

func needCategory(ctx context.Context, code string) (*store.NeedCategory, error) {
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range cl.NeedCategories {
		if n.Code == code {
			return n, nil
		}
	}
	return nil, nil
}

func interventionTypes(ctx context.Context, codes []string) ([]*store.InterventionType, error) {
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*store.InterventionType, 0, len(codes))
	for _, c := range codes {
		for _, t := range cl.InterventionTypes {
			if t.Code == c {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

func accessOutcome(ctx context.Context, code string) (*store.AccessOutcome, error) {
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range cl.AccessOutcomes {
		if o.Code == code {
			return o, nil
		}
	}
	return nil, nil
}

func profession(ctx context.Context, code *string) (*store.Profession, error) {
	if code == nil {
		return nil, nil
	}
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range cl.Professions {
		if p.Code == *code {
			return p, nil
		}
	}
	return nil, nil
}

func fundingSource(ctx context.Context, code *string) (*store.FundingSource, error) {
	if code == nil {
		return nil, nil
	}
	cl, err := codeLists(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range cl.FundingSources {
		if f.Code == *code {
			return f, nil
		}
	}
	return nil, nil
}

// nonNil turns a nil slice from a group loader into an empty list.
func nonNil[T any](v []T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = []T{}
	}
	return v, nil
}

func offices(ctx context.Context, ids []int64) ([]*store.Office, error) {
	out, err := ld(ctx).Office.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	return compact(out), nil
}

// compact drops nil entries.
func compact[T any](xs []*T) []*T {
	out := make([]*T, 0, len(xs))
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}
