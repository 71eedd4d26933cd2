// Package relay encodes and decodes the opaque global ids of the GraphQL
// API (Relay's Node convention): base64url of "Type:id".
package relay

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalidID is returned for ids that were not issued by ID.
var ErrInvalidID = errors.New("invalid global id")

// ID returns the global id of the object of type typ with database id id.
func ID(typ string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// Parse returns the type and database id of a global id.
func Parse(gid string) (typ string, id int64, err error) {
	if len(gid) == 0 || len(gid) > 64 {
		return "", 0, ErrInvalidID
	}
	raw, err := base64.RawURLEncoding.DecodeString(gid)
	if err != nil {
		return "", 0, fmt.Errorf("%w: not base64url", ErrInvalidID)
	}
	typ, num, ok := strings.Cut(string(raw), ":")
	if !ok || typ == "" {
		return "", 0, fmt.Errorf("%w: no type", ErrInvalidID)
	}
	id, err = strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, fmt.Errorf("%w: bad number", ErrInvalidID)
	}
	return typ, id, nil
}

// ParseAs returns the database id of gid when it is of type typ.
func ParseAs(gid, typ string) (int64, error) {
	t, id, err := Parse(gid)
	if err != nil {
		return 0, err
	}
	if t != typ {
		return 0, fmt.Errorf("%w: not a %s id", ErrInvalidID, typ)
	}
	return id, nil
}
