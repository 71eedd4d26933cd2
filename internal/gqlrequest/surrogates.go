package gqlrequest

import "github.com/siso-project/siso/internal/apperr"

// checkSurrogates refuses a \u escape of a UTF-16 surrogate that is not
// half of a pair (a high one followed by a low one): encoding/json, and
// gqlparser for a string literal of the query, would decode it as U+FFFD,
// silently changing what the client sent. In JSON (everywhere false) it
// reads only escapes inside strings; in the query text (everywhere true) it
// reads escapes anywhere, as comments and block strings rarely hold one.
// Every other judgement of the text is left to the decoder or the parser.
func checkSurrogates[T string | []byte](raw T, everywhere bool) error {
	inString := everywhere
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !inString {
			inString = c == '"'
			continue
		}
		switch c {
		case '"':
			inString = everywhere
		case '\\':
			if i+1 >= len(raw) {
				return nil // truncated: the decoder says so
			}
			if raw[i+1] != 'u' {
				i++ // a one-letter escape, \" and \\ included
				continue
			}
			r, ok := hex4(raw, i+2)
			if !ok {
				return nil // malformed escape: the decoder says so
			}
			i += 5
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return loneSurrogate()
			case r >= 0xD800 && r <= 0xDBFF:
				if i+2 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
					return loneSurrogate()
				}
				low, ok := hex4(raw, i+3)
				if !ok || low < 0xDC00 || low > 0xDFFF {
					return loneSurrogate()
				}
				i += 6
			}
		}
	}
	return nil
}

func loneSurrogate() error {
	return apperr.BadInput("", "the request body has a lone UTF-16 surrogate escape (\\uD800–\\uDFFF outside a pair)")
}

// hex4 reads the four hex digits at raw[at:].
func hex4[T string | []byte](raw T, at int) (rune, bool) {
	if at+4 > len(raw) {
		return 0, false
	}
	var r rune
	for k := at; k < at+4; k++ {
		c := raw[k]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
