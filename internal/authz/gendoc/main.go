// Command gendoc writes the authorization matrix generated from the policy
// code (docs/authorization.md).
package main

import (
	"fmt"
	"os"

	"github.com/siso-project/siso/internal/authz"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendoc OUTPUT.md")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], []byte(authz.Document(authz.Fields)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
