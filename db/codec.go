package db

import (
	"encoding"
	jsonv1 "encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/klauspost/compress/s2"

	"tovholder/internal/plans"
	"tovholder/model"
)

// How a case is kept in the cases bucket. Two forms are read:
//
//   - its JSON, as written by every version before the marker below (the
//     first byte is '{');
//   - markerS2 and then its JSON compressed as one S2 block against
//     caseDict: about 40 % of the size, and quick to make and to read
//     (a case of 1.2 KB compresses in 2 µs and decompresses in 0.6 µs
//     here, where zstd took 12 µs and flate 20 µs; see docs/BENCHMARKS.md).
//
// A case is small, so most of what compresses in it is what it shares
// with every other case: its keys and the closed vocabularies. caseDict
// holds them, as the JSON of an imagined case, for the block to refer to.
const markerS2 = 0x01

// caseDictText must never change: every stored case written with
// markerS2 depends on it byte for byte. A better dictionary needs a new
// marker (and this one kept for reading).
const caseDictText = `{"id":"K-2026-0001","profile":"fremskudt","citizen":{"name":"","cpr":"0101901234","birth_date":"1990-01-01",` +
	`"address":"vej 1, 1. th., 4000 ","phone":"12345678","email":"@example.dk"},"previous":"K-2025-0001","screening":{"date":"2026-11-01",` +
	`"category1":["c1_no_help","c1_misses_appointments","c1_no_answer"],"category2":["a_no_contact","a_absence","a_dropped_activities",` +
	`"b_no_income","b_unpaid_bills","b_eviction_risk","b_bailiff_risk","b_missing_benefits","b_cannot_manage_money","c_no_network",` +
	`"c_lonely","c_avoids_contact","d_neglected_home","d_hoarding","d_bothers_neighbours","d_animals","d_homeless","d_sofa_surfing",` +
	`"e_no_medication","e_no_treatment_contact","f_substance_abuse","g_crime"],"recommended":false,"reason":"adult_met",` +
	`"in_target_group":true,"justification":""},"events":[` +
	`{"type":"referral_received","date":"2026-11-02","source":"citizen_or_relative","referrer":"","received_by":"","note":"","by":""},` +
	`{"type":"referral_received","date":"2026-11-02","source":"housing_association","referrer":"","received_by":"","note":"","by":""},` +
	`{"type":"assigned","date":"2026-11-03","to":"","by":""},` +
	`{"type":"rejected","date":"2026-11-03","reason":"","by":""},` +
	`{"type":"contact_attempt","date":"2026-11-04","channel":"phone","reached":false,"by":""},` +
	`{"type":"contact_attempt","date":"2026-11-05","channel":"visit","reached":true,"by":""},` +
	`{"type":"first_meeting","date":"2026-11-10","place":"","by":""},` +
	`{"type":"advice_given","date":"2026-11-11","by":""},` +
	`{"type":"coordination_planned","date":"2026-11-10","scope":"internal","by":""},` +
	`{"type":"meeting_held","date":"2026-11-24","kind":"coordinating","by":""},` +
	`{"type":"meeting_held","date":"2026-11-24","kind":"followup","by":""},` +
	`{"type":"minutes_sent","date":"2026-11-26","by":""},` +
	`{"type":"needs_assessed","date":"2026-12-01","outcome":"ordinary_casework","by":""},` +
	`{"type":"closed","date":"2027-02-01","reason":"handed_over","by":""},` +
	`{"type":"followup_done","date":"2027-06-01","by":""},` +
	`{"type":"note","date":"2026-11-12","note":"","by":"","annulled":{"date":"2026-11-12","by":"","reason":""}}],` +
	`"goals":[{"title":"","follow_up":"2026-12-15","followed_up":false},{"title":"","follow_up":"2026-12-15","followed_up":true,"followed_up_on":"2026-12-15"}],` +
	`"tasks":[{"title":"","owner":"","due":"2026-12-03","done":false},{"title":"","owner":"","due":"2026-12-03","done":true,"done_on":"2026-12-02"}]}`

// caseDict is caseDictText with S2's initial repeat offset, 0, in front.
var caseDict = s2.NewDict(append([]byte{0}, caseDictText...))

// stored reads a stored case leniently: fields it does not know (written
// by a newer version) are left out, as encoding/json did.
var stored = json.JoinOptions(jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))

// maxCaseSize bounds what a stored case may decompress to: far above any
// real case, and small enough that a damaged length cannot exhaust memory.
const maxCaseSize = 64 << 20

// codecBuf is the scratch space of one encode or decode.
type codecBuf struct {
	json, s2 []byte
}

var codecBufs = sync.Pool{New: func() any { return &codecBuf{} }}

// encodeCase is how a case is kept in the cases bucket: a new slice of
// its own (bbolt keeps the value until the transaction commits).
func encodeCase(c *model.Case) ([]byte, error) {
	b := codecBufs.Get().(*codecBuf)
	defer codecBufs.Put(b)
	js, err := appendJSON(b.json[:0], reflect.ValueOf(c).Elem())
	b.json = js
	if err != nil {
		return nil, err
	}
	if len(js) > maxCaseSize {
		return nil, fmt.Errorf("case %q is too large to store (%d bytes of JSON)", c.ID, len(js))
	}
	if n := s2.MaxEncodedLen(len(js)); cap(b.s2) < n {
		b.s2 = make([]byte, n)
	}
	packed := caseDict.Encode(b.s2[:cap(b.s2)], js)
	out := make([]byte, 1+len(packed))
	out[0] = markerS2
	copy(out[1:], packed)
	return out, nil
}

// decodeCase reads a case kept by encodeCase, or by a version before it;
// k names it in the error.
func decodeCase(k, v []byte, c *model.Case) error {
	if len(v) > 0 && v[0] == markerS2 {
		b := codecBufs.Get().(*codecBuf)
		defer codecBufs.Put(b)
		n, err := s2.DecodedLen(v[1:])
		if err == nil && n > maxCaseSize {
			err = fmt.Errorf("it claims %d bytes", n) // damaged: do not allocate that much
		}
		if err != nil {
			return fmt.Errorf("case %q is unreadable: %w", k, err)
		}
		if cap(b.s2) < n {
			b.s2 = make([]byte, n)
		}
		js, err := caseDict.Decode(b.s2[:n], v[1:])
		if err != nil {
			return fmt.Errorf("case %q is unreadable: %w", k, err)
		}
		v = js
	}
	if err := json.Unmarshal(v, c, stored); err != nil {
		return fmt.Errorf("case %q is unreadable: %w", k, err)
	}
	return nil
}

// appendJSON writes what encoding/json writes for v (with HTML escaping
// off), byte for byte, in less than two thirds of the time: the plan of
// each type is made once, by reflection, and dates are written without the
// time package. What it has no plan for (maps, interfaces, numbers but
// ints, other types with their own marshalling, embedded structs, tag
// options but omitempty and omitzero) goes to encoding/json.
func appendJSON(b []byte, v reflect.Value) ([]byte, error) {
	return encPlanOf(v.Type()).fn(b, v)
}

type encFunc func(b []byte, v reflect.Value) ([]byte, error)

type encPlan struct{ fn encFunc }

// encPlans holds a plan per type, made on first use.
var encPlans = plans.New(func(t reflect.Type, p *encPlan, sub func(reflect.Type) *encPlan) {
	p.fn = makeEncPlan(t, sub)
})

// encPlanOf is t's plan.
func encPlanOf(t reflect.Type) *encPlan { return encPlans.Of(t) }

var (
	dateType      = reflect.TypeFor[model.Date]()
	ownMarshalers = []reflect.Type{reflect.TypeFor[jsonv1.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()}
	isZeroer      = reflect.TypeFor[interface{ IsZero() bool }]()
)

// byEncodingJSON hands a value to encoding/json.
func byEncodingJSON(b []byte, v reflect.Value) ([]byte, error) {
	js, err := jsonv1.Marshal(v.Interface())
	return append(b, js...), err
}

func makeEncPlan(t reflect.Type, sub func(reflect.Type) *encPlan) encFunc {
	if t == dateType {
		return appendDate
	}
	for _, m := range ownMarshalers {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return byEncodingJSON
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(b []byte, v reflect.Value) ([]byte, error) { return appendString(b, v.String()), nil }
	case reflect.Bool:
		return func(b []byte, v reflect.Value) ([]byte, error) { return strconv.AppendBool(b, v.Bool()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(b []byte, v reflect.Value) ([]byte, error) { return strconv.AppendInt(b, v.Int(), 10), nil }
	case reflect.Pointer:
		elem := sub(t.Elem())
		return func(b []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			return elem.fn(b, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return byEncodingJSON
		}
		elem := sub(t.Elem())
		return func(b []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			b = append(b, '[')
			var err error
			for i := range v.Len() {
				if i > 0 {
					b = append(b, ',')
				}
				if b, err = elem.fn(b, v.Index(i)); err != nil {
					return b, err
				}
			}
			return append(b, ']'), nil
		}
	case reflect.Struct:
		type field struct {
			index               int
			key                 []byte // "name":
			omitEmpty, omitZero bool
			plan                *encPlan
		}
		var fields []field
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" || !sf.IsExported() && !sf.Anonymous {
				continue
			}
			if sf.Anonymous {
				return byEncodingJSON
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = sf.Name
			}
			f := field{index: i, key: append(appendString(nil, name), ':'), plan: sub(sf.Type)}
			for o := range strings.SplitSeq(opts, ",") {
				switch o {
				case "omitempty":
					f.omitEmpty = true
				case "omitzero":
					if sf.Type.Implements(isZeroer) || reflect.PointerTo(sf.Type).Implements(isZeroer) {
						return byEncodingJSON
					}
					f.omitZero = true
				case "":
				default:
					return byEncodingJSON // ,string
				}
			}
			fields = append(fields, f)
		}
		return func(b []byte, v reflect.Value) ([]byte, error) {
			b = append(b, '{')
			n := 0
			var err error
			for i := range fields {
				f := &fields[i]
				fv := v.Field(f.index)
				if f.omitEmpty && isEmpty(fv) || f.omitZero && fv.IsZero() {
					continue
				}
				if n > 0 {
					b = append(b, ',')
				}
				n++
				b = append(b, f.key...)
				if b, err = f.plan.fn(b, fv); err != nil {
					return b, err
				}
			}
			return append(b, '}'), nil
		}
	}
	return byEncodingJSON
}

// isEmpty is encoding/json's omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return false
}

func appendDate(b []byte, v reflect.Value) ([]byte, error) {
	d := model.Date(v.Int())
	y, m, day := d.YMD()
	if d == model.NoDate || y < 1 || y > 9999 {
		return byEncodingJSON(b, v) // as MarshalText does
	}
	return append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10), '"'), nil
}

// appendString is encoding/json's string, with HTML escaping off.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}
