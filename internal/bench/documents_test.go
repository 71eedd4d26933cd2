package bench

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var spaDocument = regexp.MustCompile("(?s)graphql\\(`(.*?)`\\)")

// TestDocumentsAreTheSPAs fails when a document the benchmark sends is no
// longer the one the SPA sends: copy the document from its source file into
// documents.graphql again.
func TestDocumentsAreTheSPAs(t *testing.T) {
	want := []string{"CitizenPage", "CitizenSearch", "MonitoringOptions", "MonitoringCoverage",
		"MonitoringOverlaps", "MonitoringStatistics", "MonitoringStaffing", "RegisterAccess", "AccessFormData"}
	for _, name := range want {
		d, ok := documents[name]
		if !ok {
			t.Errorf("documents.graphql lacks %s", name)
			continue
		}
		src, err := os.ReadFile(filepath.Join("..", "..", d.Source))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		found := false
		for _, m := range spaDocument.FindAllStringSubmatch(string(src), -1) {
			body := strings.Trim(m[1], "\n")
			if n := operationName.FindStringSubmatch(body); n == nil || n[2] != name {
				continue
			}
			found = true
			if body != d.Text {
				t.Errorf("%s differs from the SPA's document in %s: copy it into internal/bench/documents.graphql again", name, d.Source)
			}
		}
		if !found {
			t.Errorf("%s is no longer in %s: find where the SPA sends it now", name, d.Source)
		}
	}
}
