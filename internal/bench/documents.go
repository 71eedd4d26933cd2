package bench

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

// documentsText holds copies of the SPA's GraphQL documents, each after a
// "# from <file>" line naming the frontend source it was copied from.
//
//go:embed documents.graphql
var documentsText string

// Document is one GraphQL operation of the SPA.
type Document struct {
	Name   string // operation name, e.g. CitizenPage
	Source string // the frontend file it was copied from
	Text   string // the document, as in the source
}

var operationName = regexp.MustCompile(`(?m)^\s*(query|mutation)\s+(\w+)`)

// parseDocuments splits documents.graphql into its documents.
func parseDocuments(text string) (map[string]Document, error) {
	docs := map[string]Document{}
	blocks := strings.Split(text, "\n# from ")
	for _, b := range blocks[1:] {
		nl := strings.IndexByte(b, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("documents.graphql: empty block after %q", b)
		}
		src, body := strings.TrimSpace(b[:nl]), strings.Trim(b[nl+1:], "\n")
		m := operationName.FindStringSubmatch(body)
		if m == nil {
			return nil, fmt.Errorf("documents.graphql: no operation in the block from %s", src)
		}
		if _, dup := docs[m[2]]; dup {
			return nil, fmt.Errorf("documents.graphql: %s twice", m[2])
		}
		docs[m[2]] = Document{Name: m[2], Source: src, Text: body}
	}
	return docs, nil
}

// documents are the parsed documents (the embedded file is checked by the
// tests, so a parse error is a programming error).
var documents = func() map[string]Document {
	d, err := parseDocuments(documentsText)
	if err != nil {
		panic(err)
	}
	return d
}()

// doc returns the text of the SPA's operation name.
func doc(name string) string {
	d, ok := documents[name]
	if !ok {
		panic("bench: no document " + name)
	}
	return d.Text
}
