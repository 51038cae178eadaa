package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

// Format names the interchange format of INTERCHANGE.md.
const Format = "tovholder/v1"

// File is an interchange file.
type File struct {
	Format string `json:"format"`
	Cases  []Case `json:"cases"`
}

// FieldError says which case and which field of it does not fit the format.
type FieldError struct {
	Case  string // the case id, when the case has one
	Index int    // the case's place in the file
	Field string // e.g. "events[2].date"
	Msg   string
}

func (e *FieldError) Error() string {
	who := fmt.Sprintf("case %q", e.Case)
	if e.Case == "" {
		who = fmt.Sprintf("cases[%d] (no id)", e.Index)
	}
	if e.Field == "" {
		return who + ": " + e.Msg
	}
	return who + ": " + e.Field + ": " + e.Msg
}

// Errors is every problem found in a file, one a line.
type Errors []error

// maxErrors caps the list so a wholly wrong file still gives a readable answer.
const maxErrors = 50

// Unwrap lets errors.As find the FieldErrors inside.
func (es Errors) Unwrap() []error { return es }

func (es Errors) Error() string {
	lines := make([]string, 0, len(es))
	for _, e := range es {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// DecodeFile reads an interchange file and validates every case. It
// returns either all the cases, normalised (default profile filled in,
// CPR numbers without dash), or the errors, each naming the case and field.
func DecodeFile(data []byte) ([]Case, error) {
	var cases []Case
	var errs Errors
	seen := map[string]int{}
	format, hasCases, err := walkFile(data, func(dec *json.Decoder) {
		i := len(cases)
		cases = append(cases, Case{})
		c := &cases[i]
		start := dec.InputOffset()
		if err := dec.Decode(c); err != nil {
			// The decoder has read the whole case; walk its bytes again to
			// name the field at fault.
			raw := bytes.TrimLeft(data[start:dec.InputOffset()], ", \t\r\n")
			field, msg := locate(raw, reflect.TypeFor[Case](), "")
			if msg == "" { // e.g. a key given twice: the field-by-field walk sees only the last
				msg = describeJSONError(raw, err)
			}
			errs = append(errs, &FieldError{Case: idOf(raw), Index: i, Field: field, Msg: msg})
			return
		}
		if first, dup := seen[c.ID]; dup && c.ID != "" {
			errs = append(errs, &FieldError{Case: c.ID, Index: i, Field: "id",
				Msg: fmt.Sprintf("appears twice in the file (cases[%d] and cases[%d])", first, i)})
			return
		}
		seen[c.ID] = i
		for _, err := range Validate(c) {
			err.Index = i
			errs = append(errs, err)
		}
	})
	switch {
	case err != nil:
		return nil, err
	case format != nil && *format != Format:
		return nil, fmt.Errorf("the file's format is %q; this program reads %q", *format, Format)
	case !hasCases:
		return nil, fmt.Errorf("the file has no \"cases\" list")
	case len(errs) > maxErrors:
		return nil, append(errs[:maxErrors], fmt.Errorf("… stopped after %d errors (%d more not shown)", maxErrors, len(errs)-maxErrors))
	case len(errs) > 0:
		return nil, errs
	}
	if cases == nil {
		cases = []Case{}
	}
	return cases, nil
}

// EncodeFile writes cases in the interchange format. The output is
// deterministic, so export, import and export again gives the same bytes.
func EncodeFile(w io.Writer, cases []Case) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if cases == nil {
		cases = []Case{}
	}
	return enc.Encode(File{Format: Format, Cases: cases})
}

// walkFile walks the top of a file token by token and hands each case to
// onCase as the decoder reaches it: one pass, where decoding the file as
// one value would spend most of an import of 100,000 cases copying
// buffers. Any fault in the JSON itself is described by json.Unmarshal,
// which says what and where.
func walkFile(data []byte, onCase func(dec *json.Decoder)) (format *string, hasCases bool, err error) {
	invalid := func() error {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("the file is not valid %s JSON: %s", Format, describeJSONError(data, err))
		}
		return fmt.Errorf("the file is not valid %s JSON", Format)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil {
		return nil, false, invalid()
	} else if tok != json.Delim('{') {
		what := "a single value"
		if tok == json.Delim('[') {
			what = "an array"
		}
		return nil, false, fmt.Errorf("the file must be a JSON object with \"format\" and \"cases\", not %s", what)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false, invalid()
		}
		switch key, _ := tok.(string); key {
		case "format":
			if err := dec.Decode(&format); err != nil {
				return nil, false, fmt.Errorf("the file's \"format\" must be text: %s", describeJSONError(data, err))
			}
		case "cases":
			tok, err := dec.Token()
			if err != nil {
				return nil, false, invalid()
			}
			if tok != json.Delim('[') {
				return nil, false, fmt.Errorf("the file's \"cases\" must be a list")
			}
			hasCases = true
			for dec.More() {
				before := dec.InputOffset()
				onCase(dec)
				if dec.InputOffset() == before { // the JSON itself broke off
					return nil, false, invalid()
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, false, invalid()
			}
		default:
			return nil, false, fmt.Errorf("the file has an unknown field %q at the top (known: format, cases)", key)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, false, invalid()
	}
	if _, err := dec.Token(); err == nil {
		return nil, false, fmt.Errorf("the file is not valid %s JSON: unexpected data after the end of the JSON value", Format)
	} else if err != io.EOF {
		return nil, false, invalid()
	}
	return format, hasCases, nil
}

// idOf digs the id out of a case that did not decode, for the error message.
func idOf(raw json.RawMessage) string {
	var c struct {
		ID any `json:"id"`
	}
	_ = json.Unmarshal(raw, &c)
	if s, ok := c.ID.(string); ok {
		return s
	}
	return ""
}

// locate walks a value that failed to decode into t, field by field, to
// name the first field at fault. It is only used once decoding has failed,
// so it may be slow.
func locate(raw json.RawMessage, t reflect.Type, path string) (field, msg string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	trimmed := bytes.TrimSpace(raw)
	isObject := len(trimmed) > 0 && trimmed[0] == '{'
	isArray := len(trimmed) > 0 && trimmed[0] == '['
	switch {
	case t.Kind() == reflect.Struct && isObject && t != reflect.TypeFor[Date]():
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return path, describeJSONError(raw, err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub := join(path, k)
			f, ok := fieldByTag(t, k)
			if !ok {
				return sub, "unknown field"
			}
			if fp, fm := locate(m[k], f.Type, sub); fm != "" {
				return fp, fm
			}
		}
		return "", ""
	case t.Kind() == reflect.Slice && isArray:
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return path, describeJSONError(raw, err)
		}
		for i, e := range elems {
			if fp, fm := locate(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); fm != "" {
				return fp, fm
			}
		}
		return "", ""
	}
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		return path, describeJSONError(raw, err)
	}
	return "", ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// describeJSONError turns encoding/json's errors into words for a user:
// where a syntax error is (line and column), and what a value should be.
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return "the JSON ends too early"
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return fmt.Sprintf("%s at line %d, column %d", strings.TrimPrefix(syn.Error(), "json: "), line, col)
	case errors.As(err, &typ):
		return fmt.Sprintf("expected %s, found a JSON %s", kindName(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[Date]():
		return "a date written YYYY-MM-DD"
	case t.Kind() == reflect.String:
		return "text"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice:
		return "a list"
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Map:
		return "an object"
	}
	return t.String()
}

func lineCol(data []byte, offset int64) (line, col int) {
	// Offset counts the bytes read, the offending one included.
	at := min(max(offset-1, 0), int64(len(data)))
	before := data[:at]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
