package httpapi_test

import (
	"testing"

	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }
