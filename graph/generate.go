// Package graph holds SISO's GraphQL API: the schema (schema/*.graphqls),
// the generated executable schema (generated/), its models (model/), the
// resolvers (resolve/), the per-request dataloaders (loaders/) and the
// field-policy middleware.
package graph

//go:generate go run github.com/99designs/gqlgen generate --config ../gqlgen.yml
