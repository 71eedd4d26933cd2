package testenv

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
)

// DoHTTP is Do with extra request headers (nil for none), returning the
// response's headers too and, instead of failing the test, the transport
// error or an answer that is not a GraphQL body (err names it).
func (c *Client) DoHTTP(query string, vars map[string]any, header http.Header) (Response, http.Header, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, c.env.Server.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return Response{}, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return Response{}, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	r := Response{Status: resp.StatusCode}
	if err != nil {
		return r, resp.Header, err
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, resp.Header, &NotGraphQLError{Status: resp.StatusCode, Body: string(raw)}
	}
	r.Status = resp.StatusCode
	return r, resp.Header, nil
}

// NotGraphQLError is an answer whose body is not a GraphQL response.
type NotGraphQLError struct {
	Status int
	Body   string
}

func (e *NotGraphQLError) Error() string {
	return "HTTP " + http.StatusText(e.Status) + ": not a GraphQL answer: " + e.Body
}
