// The frontend is not Go: this file keeps `go build ./...` and `go test ./...`
// out of frontend/ (and its node_modules).
module github.com/siso-project/siso/frontend

go 1.26
