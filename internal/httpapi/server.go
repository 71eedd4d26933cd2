package httpapi

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/uptrace/bun"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/siso-project/siso/graph"
	"github.com/siso-project/siso/graph/generated"
	"github.com/siso-project/siso/graph/loaders"
	"github.com/siso-project/siso/graph/resolve"
	"github.com/siso-project/siso/internal/apiclient"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/care"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/limits"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/store"
)

// Server is SISO's HTTP handler.
type Server struct {
	cfg      Config
	db       *bun.DB
	store    *store.Store
	sessions *auth.Sessions
	authn    *auth.Authenticator
	clients  *apiclient.Service
	logger   *slog.Logger
	metrics  *metrics
	limits   *limits.Extension
	// refs is the process's copy of the reference data.
	refs *store.RefCache
	// trail appends the reads of concurrent responses by group commit.
	trail   *audit.Committer
	handler http.Handler
	// Policies is the field policy table (authz.Fields unless a test
	// replaces it before calling Handler).
	policies authz.Policies
	// batching is the dataloaders' window (zero: the default).
	batching loaders.Window
	// drain is the shutdown state (see Drain).
	drain drain
}

// Option changes a Server at construction.
type Option func(*Server)

// WithPolicies replaces the field policy table (for tests of the
// deny-by-default behaviour).
func WithPolicies(p authz.Policies) Option { return func(s *Server) { s.policies = p } }

// WithMode sets the mode (tests of production behaviour).
func WithMode(m Mode) Option {
	return func(s *Server) {
		s.cfg.Mode = m
		s.cfg.SecureCookies = m == Production
	}
}

// WithStatementCounter exposes the pool's statement count on /metrics
// (siso_db_statements_total).
func WithStatementCounter(c *database.Counter) Option {
	return func(s *Server) { s.metrics.statements = c }
}

// WithLimits replaces the query limits and budgets (benchmarks raise the
// per-minute budget that would otherwise stop them).
func WithLimits(l limits.Config) Option { return func(s *Server) { s.cfg.Limits = l } }

// WithBatchWindow replaces the dataloaders' batching window (tests that
// count statements widen it, so that a busy machine does not split
// batches).
func WithBatchWindow(w loaders.Window) Option { return func(s *Server) { s.batching = w } }

// WithRequestTimeout replaces the per-request time limit (tests of what
// a client is told when it runs out).
func WithRequestTimeout(d time.Duration) Option { return func(s *Server) { s.cfg.RequestTimeout = d } }

// WithCORSOrigins sets the origins allowed to call from a browser.
func WithCORSOrigins(origins ...string) Option {
	return func(s *Server) { s.cfg.CORSOrigins = origins }
}

// New builds the HTTP handler over db.
func New(cfg Config, db *bun.DB, logger *slog.Logger, opts ...Option) *Server {
	s := &Server{
		cfg:      cfg,
		db:       db,
		store:    store.New(db),
		sessions: &auth.Sessions{DB: db, IdleTimeout: cfg.SessionIdle, AbsoluteTimeout: cfg.SessionAbsolute},
		authn:    &auth.Authenticator{DB: db},
		clients:  &apiclient.Service{DB: db},
		logger:   logger,
		metrics:  newMetrics(),
		refs:     &store.RefCache{},
		trail:    audit.NewCommitter(db),
		policies: authz.Fields,
	}
	for _, o := range opts {
		o(s)
	}
	s.limits = limits.New(s.cfg.Limits, nil, s.budgetKey)
	// The budgets count what the other processes on this database charge.
	if x, err := s.store.NewBudgetExchange(); err == nil {
		s.limits.Share(x, func(err error) {
			logger.Warn("cost budgets: the exchange with the other processes failed", "error", err.Error())
		})
	}
	s.handler = s.routes()
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) graphQL() http.Handler {
	res := &resolve.Resolver{Store: s.store, Care: &care.Service{DB: s.db}, Auth: &signer{s: s}, Clients: s.clients}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: res}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(strictGET{})
	srv.AddTransport(strictPOST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(15000)
	srv.Use(introspection{mode: s.cfg.Mode})
	srv.Use(s.limits)
	if s.cfg.Mode == Production {
		srv.SetDisableSuggestion(true)
	}
	srv.AroundFields(graph.FieldPolicy{Policies: s.policies}.Middleware)
	srv.AroundResponses(unavailableStatus) // outermost: sees the audit's answer too
	srv.AroundResponses(auditResponses(s.db, s.trail, s.logger))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// A mutation may change what the process caches (the operators'
		// directory): its payload reads the reference data at the version
		// after its writes, not at the one read with the session.
		if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
			if l := loaders.From(ctx); l != nil {
				l.Reference = s.reference(0)
			}
		}
		return next(ctx)
	})
	srv.SetErrorPresenter(presentError(s.logger))
	srv.SetRecoverFunc(recoverPanic(s.logger))
	return srv
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	gql := s.withViewer(s.graphQL())
	mux.Handle("/graphql", noStore(gql))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", s.metrics)
	mux.Handle("/", s.spa())
	var h http.Handler = mux
	h = corsPolicy(s.cfg.CORSOrigins).Handler(h)
	h = s.bounds(h)
	h = securityHeaders(h)
	h = s.metrics.middleware(h)
	h = s.drainGate(h)
	h = s.requestLog(h)
	h = requestID(h)
	return h
}

// ready reports whether the database answers and its schema is current,
// and not ready at once when the process is shutting down.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.drain.isDraining() {
		w.Header().Set("Connection", "close")
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	pending, err := migrate.Pending(ctx, s.db)
	if err != nil || len(pending) > 0 {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "migrations pending", "pending": pending})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// bounds limits the body size and the time of each request (the deadline
// cancels the database work of the request) and refuses batches of
// operations, which the API does not accept.
func (s *Server) bounds(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		if r.Method == http.MethodPost && r.URL.Path == "/graphql" {
			br := bufio.NewReader(r.Body)
			if first, err := peekNonSpace(br); err == nil && first == '[' {
				writeGraphQLError(w, http.StatusBadRequest, "batching several operations in one request is not supported", "BAD_USER_INPUT")
				return
			}
			r.Body = struct {
				io.Reader
				io.Closer
			}{br, r.Body}
		}
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), timeLimitKey{}, s.cfg.RequestTimeout), s.cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withViewer resolves the session cookie into the request's viewer and
// gives the request its own dataloaders.
func (s *Server) withViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var v *authz.Viewer
		var refVersion int64 // read with the session; 0: read when first needed
		if r.Header.Get("Authorization") != "" {
			// A partner's API client: the token alone decides, no cookie fallback.
			tok, ok := auth.BearerToken(r)
			if !ok {
				writeGraphQLError(w, http.StatusUnauthorized, "invalid or expired API token", "UNAUTHENTICATED")
				return
			}
			c, err := s.clients.Authenticate(ctx, tok)
			if errors.Is(err, apiclient.ErrInvalidToken) {
				writeGraphQLError(w, http.StatusUnauthorized, "invalid or expired API token", "UNAUTHENTICATED")
				return
			}
			if err != nil {
				s.credentialFailure(ctx, w, "authenticate API client", err)
				return
			}
			if v, _ = s.clients.Viewer(c); v == nil {
				writeGraphQLError(w, http.StatusUnauthorized, "invalid or expired API token", "UNAUTHENTICATED")
				return
			}
		} else if tok := auth.TokenFromRequest(r); tok != "" {
			res, err := s.sessions.Resolve(ctx, tok)
			switch {
			case err == nil:
				v = res.Viewer
				v.SessionID = "session"
				refVersion = res.RefVersion
			case !errors.Is(err, auth.ErrNoSession):
				// Not "no session": the session may be valid, so the
				// client must not be told it is signed out.
				s.credentialFailure(ctx, w, "resolve session", err)
				return
			}
		}
		ctx = authz.WithViewer(ctx, v)
		ctx = audit.WithRecorder(ctx, audit.NewRecorder(actorOf(v), RequestID(ctx)))
		ctx = loaders.With(ctx, loaders.New(s.store, func() *authz.Viewer { return authz.ViewerFrom(ctx) }, s.reference(refVersion), s.batching))
		ctx = context.WithValue(ctx, responseKey{}, w)
		ctx = context.WithValue(ctx, requestKey{}, r)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// reference returns the request's access to the reference data: the
// process's copy at version (read with the session) or newer; with version
// 0 the version is read from the database the first time it is needed.
func (s *Server) reference(version int64) func(context.Context) (*store.Reference, error) {
	var (
		once sync.Once
		ref  *store.Reference
		err  error
	)
	return func(ctx context.Context) (*store.Reference, error) {
		once.Do(func() {
			v := version
			if v == 0 {
				if v, err = s.store.ReferenceVersion(ctx); err != nil {
					return
				}
			}
			ref, err = s.refs.At(ctx, s.store, v)
		})
		return ref, err
	}
}

// peekNonSpace returns the first byte of the body that is not white space,
// without consuming it.
func peekNonSpace(br *bufio.Reader) (byte, error) {
	for i := 1; i <= 64; i++ {
		b, err := br.Peek(i)
		if len(b) < i {
			return 0, err
		}
		switch c := b[i-1]; c {
		case ' ', '\t', '\r', '\n':
			continue
		default:
			return c, nil
		}
	}
	return 0, io.EOF
}

// budgetKey names whose per-minute budget a request spends: the operator,
// the API client, or for anonymous callers their address (clientAddress).
func (s *Server) budgetKey(ctx context.Context) string {
	v := authz.ViewerFrom(ctx)
	switch {
	case v != nil && v.IsClient():
		return fmt.Sprintf("client:%d", v.ClientID)
	case v != nil:
		return fmt.Sprintf("op:%d", v.OperatorID)
	}
	if r, ok := ctx.Value(requestKey{}).(*http.Request); ok {
		return "ip:" + auth.ClientNetwork(clientAddress(r, s.cfg.TrustedProxies))
	}
	return limits.AnonymousKey
}

type responseKey struct{}
type requestKey struct{}

// spa serves the built frontend, falling back to index.html for the
// client-side routes; without a build it says how to make one.
func (s *Server) spa() http.Handler {
	dir := s.cfg.StaticDir
	if dir == "" {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/" {
				http.NotFound(w, r)
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{
				"service": "SISO – Sistema Informativo Sociale",
				"graphql": "POST /graphql",
				"note":    "the single-page application is not built; see README",
			})
		})
	}
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.Clean("/"+r.URL.Path))
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			switch {
			case strings.HasPrefix(r.URL.Path, "/assets/"):
				// content-hashed names: a new build has new names
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			default:
				// sw.js, the manifest, the icons: same names across builds, so revalidate
				w.Header().Set("Cache-Control", "no-cache")
			}
			if strings.HasSuffix(r.URL.Path, ".webmanifest") {
				w.Header().Set("Content-Type", "application/manifest+json")
			}
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFile(w, r, filepath.Join(dir, "index.html"))
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
			"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "+
			"frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

type requestIDKey struct{}

// RequestID returns the id of the request ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if len(id) < 8 || len(id) > 64 || strings.ContainsFunc(id, func(c rune) bool { return c < '!' || c > '~' }) {
			b := make([]byte, 12)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// requestLog writes one structured line per request: never the query text,
// variables or anything personal.
func (s *Server) requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.logger.InfoContext(r.Context(), "request", "request_id", RequestID(r.Context()), "method", r.Method,
			"path", r.URL.Path, "status", sw.status, "duration_ms", time.Since(start).Milliseconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeGraphQLError(w http.ResponseWriter, status int, msg, code string) {
	writeJSON(w, status, graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
}

// introspection enables schema introspection in development, and in
// production only for signed-in viewers.
type introspection struct{ mode Mode }

func (introspection) ExtensionName() string                   { return "SisoIntrospection" }
func (introspection) Validate(graphql.ExecutableSchema) error { return nil }
func (i introspection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	oc.DisableIntrospection = i.mode == Production && authz.ViewerFrom(ctx) == nil
	return nil
}
