package httpapi

import (
	"net/http"

	"github.com/rs/cors"
)

// corsPolicy allows browsers on the configured origins (SISO_CORS_ORIGINS)
// to call the API with credentials. With no origins configured nobody may:
// rs/cors reads an empty AllowedOrigins as "every origin", so the empty
// list is spelled as a function that refuses them all.
func corsPolicy(origins []string) *cors.Cors {
	o := cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	}
	if len(origins) == 0 {
		o.AllowOriginFunc = func(string) bool { return false }
	}
	return cors.New(o)
}
